// Shared by the search module and its page (the page may not import *.server files).

/** Per kind: enough to recognise what one meant; the lists themselves page the rest. */
export const SEARCH_LIMIT = 5;
/** One letter matches half the cooperative; two is where a search starts to mean something. */
export const MIN_QUERY = 2;

export type SearchKind = "members" | "practices" | "contracts" | "trajectories";

type Group<K extends SearchKind, T> = { kind: K; more: boolean; items: T[] };
export type SearchResults = (
  | Group<"members", { id: string; name: string; type: string; status: string; municipalities: string[] | null }>
  | Group<"practices", { id: string; name: string; city: string | null }>
  | Group<"contracts", { id: string; name: string; reference: string | null; endsOn: string }>
  | Group<"trajectories", { id: string; clientCode: string; status: string; contractName: string }>
)[];
