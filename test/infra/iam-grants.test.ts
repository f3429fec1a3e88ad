import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FunctionName } from '../../infra/ingestion-stack';
import { refId, resourcesOf, synthStack, variablesOf } from './synth-stack';

/**
 * Every DynamoDB action a deployed function's code can issue on a table (and SQS action on a queue) is
 * granted to its role on that table (queue). The local database checks no permissions, so a missing grant (FeedStore.update's
 * UpdateItem, commit 24c3700) only showed on AWS. Both sides are derived, never hand-listed:
 * - the code side reads the source: the composition root (functions/runtime/dependencies.ts) says
 *   which Dynamo adapter each function builds, under which deps key and on which table variable;
 *   the function's handler and what it imports say which methods it calls on those keys; each
 *   adapter method's body (and the private methods it calls) says which commands it sends;
 * - the grant side is the synthesised template: the role's policy statements, resolved to tables
 *   through the same environment variables the function reads.
 * The source reading over-approximates (a method called anywhere in reachable code counts), so it
 * can report a grant as needed that a narrower analysis would not, never the other way round.
 */

const ROOT = resolve(__dirname, '../..');
const ADAPTERS = 'shared/adapters/dynamodb';
const COMPOSITION_ROOT = 'functions/runtime/dependencies.ts';

/** The IAM action of each document-client command (and of the batch helpers that send one). */
const ACTION_OF: Record<string, string> = {
  GetCommand: 'dynamodb:GetItem',
  PutCommand: 'dynamodb:PutItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  DeleteCommand: 'dynamodb:DeleteItem',
  QueryCommand: 'dynamodb:Query',
  ScanCommand: 'dynamodb:Scan',
  BatchGetCommand: 'dynamodb:BatchGetItem',
  BatchWriteCommand: 'dynamodb:BatchWriteItem',
  TransactGetCommand: 'dynamodb:TransactGetItems',
  TransactWriteCommand: 'dynamodb:TransactWriteItems',
  batchGetAll: 'dynamodb:BatchGetItem',
  batchWriteAll: 'dynamodb:BatchWriteItem',
  SendMessageCommand: 'sqs:SendMessage',
  SendMessageBatchCommand: 'sqs:SendMessage',
  ChangeMessageVisibilityCommand: 'sqs:ChangeMessageVisibility',
  DeleteMessageCommand: 'sqs:DeleteMessage',
};
const HANDLERS: Record<FunctionName, string> = {
  dispatch: 'functions/dispatch/handler.ts',
  'fetch-feed': 'functions/fetch-feed/handler.ts',
  'extract-article': 'functions/extract-article/handler.ts',
  'sync-feeds': 'functions/sync-feeds/handler.ts',
  'check-site-health': 'functions/check-site-health/handler.ts',
};
const BUILDERS: Record<FunctionName, string> = {
  dispatch: 'buildDispatchRuntime',
  'fetch-feed': 'buildFetchFeedRuntime',
  'extract-article': 'buildExtractArticleRuntime',
  'sync-feeds': 'buildSyncFeedsRuntime',
  'check-site-health': 'buildCheckSiteHealthRuntime',
};

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

/** The text from `open` (an opening bracket's index) to its matching close, inclusive. */
function balanced(text: string, open: number): string {
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i] as string;
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return text.slice(open, i + 1);
    }
  }
  throw new Error(`unbalanced bracket at ${open}`);
}

/**
 * Top-level functions and constants of a module, by name, each with its text up to the next top-level
 * line (declaration, comment or import), so a module's unused neighbours of a name stay out of it.
 */
function functionsOf(text: string): Map<string, string> {
  const found = new Map<string, string>();
  const starts = [...text.matchAll(/^(?!\s|\}|\)|\]|$)/gm)].map((m) => m.index ?? 0);
  for (const m of text.matchAll(/^(?:export )?(?:async )?(?:function\*?|const|let) (\w+)/gm)) {
    const start = m.index ?? 0;
    // A function ends at its closing brace (formatted code puts it alone at column 0), whatever its
    // body holds at column 0 (a template literal's lines); a constant ends at the next top-level line.
    const close = text.indexOf('\n}\n', start);
    const end = /function/.test(m[0]) && close >= 0 ? close + 2 : (starts.find((at) => at > start) ?? text.length);
    found.set(m[1] as string, text.slice(start, end));
  }
  return found;
}

interface Built {
  key: string;
  adapter: string;
  /** Adapter option -> the environment variable that sets it. */
  options: Record<string, string>;
}

/** The Dynamo adapters one runtime builder constructs (following the module's own helper functions). */
function adaptersBuiltBy(builder: string): Built[] {
  const functions = functionsOf(read(COMPOSITION_ROOT));
  const seen = new Set<string>();
  const pending = [builder];
  let body = '';
  while (pending.length) {
    const name = pending.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const text = functions.get(name);
    if (!text) throw new Error(`no function ${name} in ${COMPOSITION_ROOT}`);
    body += text;
    for (const call of text.matchAll(/\b(\w+)\(/g)) if (functions.has(call[1] as string) && call[1] !== name) pending.push(call[1] as string);
  }
  const built: Built[] = [];
  for (const m of body.matchAll(/(\w+): new (Dynamo\w+)\(/g)) {
    const args = balanced(body, (m.index ?? 0) + m[0].length - 1);
    const options = Object.fromEntries([...args.matchAll(/(\w+): env\.(\w+)/g)].map((o) => [o[1] as string, o[2] as string]));
    built.push({ key: m[1] as string, adapter: m[2] as string, options });
  }
  // SQS adapters come from the `queues` helper: each of its members builds one Sqs* class on a queue URL;
  // the visibility adapter acts on the function's own queue (its `queueUrl`).
  const members = new Map<string, string>();
  for (const m of (functions.get('queues') ?? '').matchAll(/^ {4}(\w+): [^\n]*new (Sqs\w+)/gm)) members.set(m[1] as string, m[2] as string);
  const ownQueue = /queueUrl: env\.(\w+)/.exec(body)?.[1];
  for (const m of body.matchAll(/(\w+): (?:sqs|queues\(env, adapters\))\.(\w+)(?:<\w+>)?\((?:env\.(\w+))?\)/g)) {
    const adapter = members.get(m[2] as string);
    const queue = m[3] ?? ownQueue;
    if (!adapter || !queue) throw new Error(`${builder}: cannot tell the adapter or queue of ${m[0]}`);
    built.push({ key: m[1] as string, adapter, options: { tableName: queue } });
  }
  return built;
}

/** The source file that exports a class, among the DynamoDB and SQS adapters. */
function fileOfClass(name: string): string {
  for (const dir of [ADAPTERS, 'shared/adapters/sqs']) {
    for (const file of readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.ts'))) {
      const path = `${dir}/${file}`;
      if (new RegExp(`export class ${name}\\b`).test(read(path))) return path;
    }
  }
  throw new Error(`no adapter file exports ${name}`);
}

/** One action an adapter method can send: on the adapter's own table (option), or through a nested store. */
interface Sent {
  action: string;
  /** The adapter option naming the table. */
  option: string;
  index: boolean;
}

/** The actions each method of an adapter class sends, following calls to its own methods and nested stores. */
function actionsByMethod(className: string): Map<string, Sent[]> {
  const text = read(fileOfClass(className));
  const classStart = text.indexOf(`export class ${className}`);
  const classBody = balanced(text, text.indexOf('{', classStart));
  const methods = new Map<string, string>();
  for (const m of classBody.matchAll(/^ {2}(?:(?:public|private|protected|static|async|get|readonly) )*(\w+)\s*[(<]/gm)) {
    const start = m.index ?? 0;
    const end = classBody.indexOf('\n  }', start);
    methods.set(m[1] as string, classBody.slice(start, end));
  }
  // Nested stores: a field assigned a new instance of another adapter class, on one of this class's options.
  const nested = new Map<string, { className: string; option: string }>();
  for (const m of classBody.matchAll(/this\.(\w+) = new (\w+)\(/g)) {
    const args = balanced(classBody, (m.index ?? 0) + m[0].length - 1);
    const option = /tableName: (?:this\.)?options\.(\w+)/.exec(args)?.[1];
    if (option) nested.set(m[1] as string, { className: m[2] as string, option });
  }
  const direct = (body: string): Sent[] => {
    const sent: Sent[] = [];
    for (const m of body.matchAll(/new (\w+Command)\(|\b(batchGetAll|batchWriteAll)\(/g)) {
      const name = (m[1] ?? m[2]) as string;
      const action = ACTION_OF[name];
      if (!action) throw new Error(`${className}: no IAM action known for ${name}; add it to ACTION_OF`);
      const args = m[1] ? balanced(body, (m.index ?? 0) + m[0].length - 1) : '';
      sent.push({ action, option: 'tableName', index: /\bIndexName:/.test(args) });
    }
    for (const [field, store] of nested) {
      if (!new RegExp(`this\\.${field}\\b`).test(body)) continue;
      // A method that hands the nested store on (or calls it) may send anything the store sends.
      for (const inner of actionsByMethod(store.className).values()) for (const s of inner) sent.push({ ...s, option: store.option });
    }
    return sent;
  };
  const resolved = new Map<string, Sent[]>();
  for (const name of methods.keys()) {
    const seen = new Set<string>();
    const pending = [name];
    const sent: Sent[] = [];
    while (pending.length) {
      const current = pending.pop() as string;
      if (seen.has(current)) continue;
      seen.add(current);
      const body = methods.get(current) as string;
      sent.push(...direct(body));
      for (const call of body.matchAll(/this\.(\w+)\b/g)) if (methods.has(call[1] as string)) pending.push(call[1] as string);
    }
    resolved.set(name, sent);
  }
  return resolved;
}

/** A relative import's file, or null for a package. */
function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = relative(ROOT, resolve(ROOT, dirname(from), specifier));
  return [`${base}.ts`, `${base}/index.ts`].find((f) => existsSync(join(ROOT, f))) ?? null;
}

/**
 * The code a handler can run, function by function: from the handler's whole file, each named value
 * import brings in that top-level function and the module's functions it calls in turn (so an unused
 * export beside it adds nothing); a name that is not a top-level function, or a dynamic import,
 * brings in the whole module. Type-only imports run nothing. Adapter internals are read method by
 * method (actionsByMethod), so they are left out here.
 */
function reachableSource(entry: string): string {
  const seen = new Set<string>();
  const pending: { file: string; name: string | null }[] = [{ file: entry, name: null }];
  let all = '';
  while (pending.length) {
    const { file, name } = pending.pop() as { file: string; name: string | null };
    const unit = `${file}#${name ?? '*'}`;
    if (seen.has(unit) || seen.has(`${file}#*`) || file.startsWith(`${ADAPTERS}/`)) continue;
    seen.add(unit);
    const text = read(file);
    const functions = functionsOf(text);
    let body: string;
    if (name === null || !functions.has(name)) body = text;
    else {
      body = '';
      const local = new Set<string>();
      const queue = [name];
      while (queue.length) {
        const current = queue.pop() as string;
        if (local.has(current)) continue;
        local.add(current);
        const text = functions.get(current) as string;
        body += text;
        for (const call of text.matchAll(/\b(\w+)\b/g)) if (functions.has(call[1] as string)) queue.push(call[1] as string);
      }
    }
    all += body;
    // Named value imports, followed only for the names the included code uses.
    for (const m of text.matchAll(/^import (?!type )\{([^}]*)\} from '([^']+)'/gm)) {
      const target = resolveImport(file, m[2] as string);
      if (!target) continue;
      for (const spec of (m[1] as string).split(',')) {
        const imported = spec.trim();
        if (!imported || imported.startsWith('type ')) continue;
        const [original, alias] = imported.split(/\s+as\s+/) as [string, string | undefined];
        if (new RegExp(`\\b${alias ?? original}\\b`).test(body)) pending.push({ file: target, name: original });
      }
    }
    for (const m of body.matchAll(/\bimport\('([^']+)'\)|^import (?!type |\{)[^;]*? from '([^']+)'/gm)) {
      const target = resolveImport(file, (m[1] ?? m[2]) as string);
      if (target) pending.push({ file: target, name: null });
    }
  }
  return all;
}

/** What the code of one function can issue: `table or queue logical id[/index] -> actions`. */
function issuedBy(name: FunctionName, tableOfVariable: (variable: string) => string): Map<string, Set<string>> {
  const source = reachableSource(HANDLERS[name]);
  const issued = new Map<string, Set<string>>();
  for (const built of adaptersBuiltBy(BUILDERS[name])) {
    const methods = actionsByMethod(built.adapter);
    // The deps key names the adapter where the use case reads it; a helper may take it under another
    // name, typed by the port the adapter implements (`store: FeedStore`), so those names count too.
    const port = new RegExp(`export class ${built.adapter}(?:<\\w+>)? implements (\\w+)`).exec(read(fileOfClass(built.adapter)))?.[1];
    const receivers = new Set([built.key]);
    if (port) for (const m of source.matchAll(new RegExp(`\\b(\\w+)\\??: (?:Pick<|Omit<)?${port}\\b`, 'g'))) receivers.add(m[1] as string);
    let used = 0;
    for (const [method, sent] of methods) {
      if (![...receivers].some((receiver) => new RegExp(`\\b${receiver}\\??\\.${method}\\(`).test(source))) continue;
      used++;
      for (const s of sent) {
        const variable = built.options[s.option];
        if (!variable) throw new Error(`${name}: ${built.adapter}.${method} sends ${s.action} on option ${s.option}, which the composition root does not set`);
        const resource = tableOfVariable(variable) + (s.index ? '/index' : '');
        const actions = issued.get(resource) ?? new Set<string>();
        actions.add(s.action);
        issued.set(resource, actions);
      }
    }
    // A built adapter none of whose methods is found called means the reading lost track of it (a
    // renamed key, a new call style), which would hide its actions: fail rather than pass quietly.
    if (used === 0) throw new Error(`${name}: no call found to any method of ${built.adapter} (deps key ${built.key}); teach this test the new call style`);
  }
  return issued;
}

/** What the template grants one role on DynamoDB and SQS: `table or queue logical id[/index] -> actions`. */
function grantedTo(template: ReturnType<typeof synthStack>['template'], roleId: string): Map<string, Set<string>> {
  const granted = new Map<string, Set<string>>();
  for (const policy of Object.values(resourcesOf(template, 'AWS::IAM::Policy'))) {
    const roles = (policy.Properties.Roles as unknown[]).map(refId);
    if (!roles.includes(roleId)) continue;
    const document = policy.Properties.PolicyDocument as { Statement: { Effect: string; Action: string | string[]; Resource: unknown }[] };
    for (const statement of document.Statement) {
      if (statement.Effect !== 'Allow') continue;
      const actions = [statement.Action].flat().filter((a) => a.startsWith('dynamodb:') || a.startsWith('sqs:'));
      for (const resource of [statement.Resource].flat()) {
        const join = (resource as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
        let key: string | null = null;
        if (join) {
          const [first, suffix] = join[1];
          if (typeof suffix === 'string' && suffix.startsWith('/index/')) key = `${refId(first)}/index`;
        } else if (typeof resource === 'object' && resource && 'Fn::GetAtt' in resource) key = refId(resource);
        if (!key) continue;
        const set = granted.get(key) ?? new Set<string>();
        for (const a of actions) set.add(a);
        granted.set(key, set);
      }
    }
  }
  return granted;
}

describe('IAM grants cover every DynamoDB and SQS action the code issues', () => {
  const { stack, template } = synthStack({ articleRetentionDays: 30 });
  const unused: string[] = [];

  for (const name of Object.keys(HANDLERS) as FunctionName[]) {
    it(`${name}: every action on every table and queue is granted`, () => {
      const fn = stack.functions[name];
      const fnId = stack.getLogicalId(fn.function.node.defaultChild as never);
      const roleId = stack.getLogicalId(fn.role.node.defaultChild as never);
      const variables = variablesOf(template, fnId);
      const tableOfVariable = (variable: string): string => {
        const value = variables[variable];
        if (value === undefined) throw new Error(`${name}: the stack does not set ${variable}`);
        return refId(value);
      };
      const issued = issuedBy(name, tableOfVariable);
      const granted = grantedTo(template, roleId);
      expect(issued.size, `${name}: found no DynamoDB use in its code; the source reading is broken`).toBeGreaterThan(0);

      const missing: string[] = [];
      for (const [resource, actions] of issued) {
        for (const action of actions)
          if (!granted.get(resource)?.has(action)) missing.push(`${name} issues ${action} on ${resource} but its role is not granted it`);
      }
      for (const [resource, actions] of granted) {
        for (const action of actions)
          if (action.startsWith('dynamodb:') && !issued.get(resource)?.has(action)) unused.push(`${name}: ${action} on ${resource}`);
      }
      expect(missing).toEqual([]);
    });
  }

  it('reports grants no code path was found to use (informational)', () => {
    // Not a failure: a grant can serve a path this source reading misses; each is worth a look.
    if (unused.length) console.info(`IAM grants not found in use:\n  ${unused.join('\n  ')}`);
    expect(true).toBe(true);
  });
});
