// The layer rules of ARCHITECTURE.md, checked in CI (`npm run lint`).
const core = '^shared/(article|feed|extraction|encoding|dates|text|robots)/';
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'The core never touches AWS, Lambda or CDK, nor use cases or adapters.',
      severity: 'error',
      from: { path: core },
      to: { path: ['^shared/(ingestion|adapters)/', '@aws-sdk', 'aws-lambda', '@aws-lambda-powertools', 'aws-cdk-lib', 'constructs', 'node_modules/dynalite'] },
    },
    {
      name: 'use-cases-use-ports',
      comment: 'Use cases depend on ports they define, never on adapters.',
      severity: 'error',
      from: { path: '^shared/ingestion/' },
      to: { path: ['^shared/adapters/', '@aws-sdk', 'aws-lambda', 'aws-cdk-lib'] },
    },
    {
      name: 'adapters-do-not-import-each-other',
      severity: 'error',
      from: { path: '^shared/adapters/([^/]+)/' },
      to: { path: '^shared/adapters/', pathNot: ['^shared/adapters/$1/', '^shared/adapters/dynamodb/table-design\\.ts$'] },
    },
    {
      name: 'infra-reads-only-table-design',
      comment: 'CDK references handlers by entry path; from our code it imports only the pure table layout.',
      severity: 'error',
      from: { path: '^infra/' },
      to: { path: '^(shared|functions|cli)/', pathNot: ['^shared/adapters/dynamodb/table-(design|definitions)\\.ts$'] },
    },
    {
      name: 'functions-are-independent',
      severity: 'error',
      from: { path: '^functions/([^/]+)/' },
      to: { path: '^functions/', pathNot: ['^functions/$1/', '^functions/runtime/'] },
    },
    { name: 'nothing-imports-tests', severity: 'error', from: { pathNot: '^test/' }, to: { path: '^test/' } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: ['^dist/', '^cdk\\.out/', '^node_modules/'] },
  },
};
