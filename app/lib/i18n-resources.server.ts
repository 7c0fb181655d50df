import { fallbackLng, resources, type Lng } from "~/i18n";

type Tree = Record<string, unknown>;

/** `over` on top of `under`, object by object: what i18next's fallback language gives. */
function mergeUnder(under: Tree, over: Tree): Tree {
  const out: Tree = { ...under };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    out[key] = value && typeof value === "object" && below && typeof below === "object" ? mergeUnder(below as Tree, value as Tree) : value;
  }
  return out;
}

/**
 * One language's texts with Dutch (the fallback) beneath, as the browser's translator
 * needs them, serialized once per language. `<` is escaped so that no text can close
 * the <script> element it is sent in.
 */
const cache = new Map<Lng, string>();
export function inlineResources(lng: Lng): string {
  let json = cache.get(lng);
  if (json === undefined) {
    const tree = lng === fallbackLng ? resources[lng].common : mergeUnder(resources[fallbackLng].common as Tree, resources[lng].common as Tree);
    json = JSON.stringify(tree).replace(/</g, "\\u003c");
    cache.set(lng, json);
  }
  return json;
}
