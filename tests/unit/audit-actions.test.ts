// Every audit entry the code writes, found by reading the code itself: each action is in
// the catalogue (so the log's kind filter and labels know it), and each change records
// what it was or what it became (the log's "Wijziging" column is never empty for a change).
// Entries are object literals with an `action` and an `entityType`; an action given as a
// variable or a conditional is followed to its string literals.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, READ_ACTIONS, auditKind } from "~/modules/audit/actions";
import nlAudit from "~/locales/nl/audit.json";
import enAudit from "~/locales/en/audit.json";

type Site = { file: string; line: number; actions: string[]; before: boolean; after: boolean };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/**
 * The string literals an expression can evaluate to: a literal, either side of a
 * conditional or `??`, or a constant of the same file (its value, or the strings its
 * initializer returns).
 */
function literals(node: ts.Expression, source: ts.SourceFile): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isConditionalExpression(node)) return [...literals(node.whenTrue, source), ...literals(node.whenFalse, source)];
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) return [...literals(node.left, source), ...literals(node.right, source)];
  if (ts.isParenthesizedExpression(node)) return literals(node.expression, source);
  if (ts.isIdentifier(node)) {
    const found: string[] = [];
    const find = (n: ts.Node) => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === node.text && n.initializer) {
        if (ts.isStringLiteral(n.initializer)) found.push(n.initializer.text);
        const returns = (r: ts.Node) => {
          if (ts.isReturnStatement(r) && r.expression && ts.isStringLiteral(r.expression)) found.push(r.expression.text);
          ts.forEachChild(r, returns);
        };
        returns(n.initializer);
      }
      ts.forEachChild(n, find);
    };
    find(source);
    return found;
  }
  return [];
}

/** An `action` whose value is read from something else (a column, a parsed filter, a stored row) is not an audit entry being written. */
const writesAnAction = (e: ts.Expression) => !ts.isPropertyAccessExpression(e) && !ts.isCallExpression(e);

function sites(): Site[] {
  const found: Site[] = [];
  for (const file of [...files("app"), ...files("db")]) {
    const text = readFileSync(file, "utf8");
    if (!text.includes("entityType")) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    // Literal strings passed as the action argument of a function that audits with `action` shorthand.
    const shorthandFns = new Map<string, { index: number; site: Site }>();
    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node)) {
        const props = new Map<string, ts.ObjectLiteralElementLike>();
        for (const p of node.properties) if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) props.set(p.name.text, p);
        const action = props.get("action");
        if (action && props.has("entityType")) {
          let actions: string[] = [];
          if (ts.isPropertyAssignment(action)) {
            if (!writesAnAction(action.initializer)) {
              ts.forEachChild(node, visit);
              return;
            }
            actions = literals(action.initializer, source);
          }
          if (ts.isShorthandPropertyAssignment(action)) {
            // `action` is a parameter of the enclosing function: its callers pass the literals.
            const takesAction = (n: ts.Node) => ts.isFunctionLike(n) && n.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === "action");
            let fn: ts.Node | undefined = node.parent;
            while (fn && !takesAction(fn)) fn = fn.parent;
            const decl = fn as ts.FunctionLikeDeclaration | undefined;
            const index = decl?.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === "action") ?? -1;
            const name = decl && decl.name && ts.isIdentifier(decl.name) ? decl.name.text : undefined;
            const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
            const site: Site = { file, line, actions: [], before: props.has("before"), after: props.has("after") };
            found.push(site);
            if (name && index >= 0) shorthandFns.set(name, { index, site });
          } else {
            const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
            found.push({ file, line, actions, before: props.has("before"), after: props.has("after") });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    // Second pass: the calls of functions that take the action as a parameter.
    const calls = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && shorthandFns.has(node.expression.text)) {
        const { index, site } = shorthandFns.get(node.expression.text)!;
        const arg = node.arguments[index];
        if (arg) site.actions.push(...literals(arg, source));
      }
      ts.forEachChild(node, calls);
    };
    calls(source);
  }
  return found;
}

describe("the audit action catalogue", () => {
  const all = sites();

  it("finds the audit calls (the reader works)", () => {
    expect(all.length).toBeGreaterThan(80);
    expect(all.flatMap((s) => s.actions)).toEqual(expect.arrayContaining(["membership.role_changed", "trajectory.read", "trajectory.reviewed", "reporting_duty.deactivated"]));
  });

  it("every action written is in the catalogue, and every catalogued action is written somewhere", () => {
    const written = new Set(all.flatMap((s) => s.actions));
    expect(all.filter((s) => s.actions.length === 0).map((s) => `${s.file}:${s.line}`)).toEqual([]);
    expect([...written].filter((a) => !(a in AUDIT_ACTIONS)).sort()).toEqual([]);
    expect(Object.keys(AUDIT_ACTIONS).filter((a) => !written.has(a))).toEqual([]);
  });

  it("every change records its before or after", () => {
    const bare = all.filter((s) => s.actions.some((a) => auditKind(a) === "change") && !s.before && !s.after);
    expect(bare.map((s) => `${s.file}:${s.line} ${s.actions.join("|")}`)).toEqual([]);
  });

  it("the reads are the record views and list views, nothing else", () => {
    expect(READ_ACTIONS.sort()).toEqual(["registration.evidence_read", "trajectory.list_read", "trajectory.read"]);
  });

  it("every action a cooperative's log can show has a label in both languages", () => {
    type Tree = { auditLog: { actions: Record<string, Record<string, string>> } };
    const has = (tree: Tree, action: string) => {
      const [area, verb] = action.split(".");
      return typeof tree.auditLog.actions[area]?.[verb] === "string";
    };
    // Account actions (user.*) are written without a cooperative and never shown in its log.
    const shown = Object.keys(AUDIT_ACTIONS).filter((a) => !a.startsWith("user."));
    expect(shown.filter((a) => !has(nlAudit as Tree, a))).toEqual([]);
    expect(shown.filter((a) => !has(enAudit as Tree, a))).toEqual([]);
  });
});
