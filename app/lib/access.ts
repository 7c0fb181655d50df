import type { Action } from "@koepel/rules";

/**
 * What a route demands, declared beside its loader and action so the route-matrix
 * test (tests/security/route-matrix.test.ts) can check every route in the Remix
 * manifest without anyone keeping a list:
 *   "public"  anyone (login, sign-up, links from mail)
 *   "user"    any signed-in person (account pages)
 *   an Action a member of the cooperative in the URL whose role may do it
 * For an action with several intents, name the least permission any intent needs;
 * roles without it must get 403 for every intent.
 */
export type Access = "public" | "user" | Action;
export type RouteAccess = { loader?: Access; action?: Access };

export const access = (routeAccess: RouteAccess) => ({ access: routeAccess });
