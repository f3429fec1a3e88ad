// The article path of docs/scaling.md's cost model as code: dollars per million articles from the
// measured inputs (the extract-batch bench's CPU and load calibration, the Article item's write
// units and byUrl share, the Hosts-table traffic per request, log bytes) and the model's named
// assumptions. `npm run bench` prints its result beside the commands that measured each input, and
// test/unit/bench/cost-model.test.ts checks it against the arithmetic written in docs/scaling.md.

/** AWS us-east-1 list prices (docs/deploy.md). */
export const PRICES = {
  lambdaGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  writeUnit: 0.625 / 1e6,
  readUnit: 0.125 / 1e6,
  sqsRequest: 0.4 / 1e6,
  logGb: 0.5,
} as const;

/** The model's assumptions (docs/scaling.md "Assumptions"), to be replaced by a deployment's figures. */
export const ASSUMPTIONS = {
  memoryGb: 0.5,
  /** Lambda's CPU share at 512 MB: one vCPU at 1,769 MB. */
  cpuScale: 1769 / 512,
  pageDownloadSeconds: 0.5,
  /** Records of a batch (all on distinct sites, downloading together). */
  batchSize: 10,
  /** GetItem, PutItem, site-health UpdateItem at about 10 ms each; the last record's end the batch. */
  writesSecondsPerBatch: 0.03,
  /** Take and give back a host slot, about 10 ms each, overlapping like the downloads. */
  slotSecondsPerBatch: 0.02,
  readUnitsBeforeWrite: 1,
  entryStateWriteUnits: 1,
  siteHealthWriteUnits: 1,
  /** byFeed and byTime: one KEYS_ONLY entry each. */
  alwaysIndexEntries: 2,
  /** send (batches of 10), receive and delete (per batch). */
  sqsRequestsPerArticle: 0.1 + 0.1 + 0.1,
  /** One robots.txt fetch per origin a day: 60,000 a month for 6 million articles, 3 write units each. */
  robotsWriteUnitsPerArticle: (60_000 * 3) / 6e6,
} as const;

/** What the benches measured. */
export interface CostInputs {
  /** CPU seconds per article on a quiet machine (the handler's CPU divided by the load stretch). */
  cpuSecondsPerArticle: number;
  articleItemWriteUnits: number;
  /** Share of articles with a byUrl entry. */
  byUrlShare: number;
  slotWriteUnitsPerRequest: number;
  slotReadUnitsPerRequest: number;
  logBytesPerArticle: number;
}

/** Dollars per million articles, line by line (docs/scaling.md "Dollars per million articles"). */
export function costPerMillionArticles(inputs: CostInputs): { lines: Record<string, number>; total: number } {
  const a = ASSUMPTIONS;
  const seconds = (a.pageDownloadSeconds + a.slotSecondsPerBatch + a.writesSecondsPerBatch) / a.batchSize + inputs.cpuSecondsPerArticle * a.cpuScale;
  const million = 1e6;
  const lines = {
    duration: million * seconds * a.memoryGb * PRICES.lambdaGbSecond,
    requests: (million / a.batchSize) * PRICES.lambdaRequest,
    articleWrites: million * (inputs.articleItemWriteUnits + a.alwaysIndexEntries + inputs.byUrlShare) * PRICES.writeUnit,
    readBeforeWrite: million * a.readUnitsBeforeWrite * PRICES.readUnit,
    entryState: million * a.entryStateWriteUnits * PRICES.writeUnit,
    siteHealth: million * a.siteHealthWriteUnits * PRICES.writeUnit,
    sqs: million * a.sqsRequestsPerArticle * PRICES.sqsRequest,
    logs: ((million * inputs.logBytesPerArticle) / 1e9) * PRICES.logGb,
    slotWrites: million * inputs.slotWriteUnitsPerRequest * PRICES.writeUnit,
    slotReads: million * inputs.slotReadUnitsPerRequest * PRICES.readUnit,
    robots: million * a.robotsWriteUnitsPerArticle * PRICES.writeUnit,
  };
  return { lines, total: Object.values(lines).reduce((sum, x) => sum + x, 0) };
}

/** What waiting out a store outage takes, per job and hour of outage (bench/sqs-outage-scenarios.ts). */
export interface WaitingInputs {
  /** Receives of a waiting job per hour (each one a ChangeMessageVisibility that hides it again). */
  receivesPerJobHour: number;
  /** Invocations per job per hour (a batch of waiting jobs shares one). */
  invocationsPerJobHour: number;
  /** Billed seconds of an invocation whose first store call fails (the SDK's attempts, then give up). */
  secondsPerInvocation: number;
}

/**
 * Dollars per million job-hours of outage (docs/scaling.md "Waiting out a store outage"): per receive
 * one ChangeMessageVisibility; per invocation one ReceiveMessage of the event-source mapping's poller,
 * one Lambda request and its duration. A store that is down bills no read or write.
 */
export function costOfWaitingPerMillionJobHours(inputs: WaitingInputs): { lines: Record<string, number>; total: number } {
  const million = 1e6;
  const lines = {
    visibility: million * inputs.receivesPerJobHour * PRICES.sqsRequest,
    receive: million * inputs.invocationsPerJobHour * PRICES.sqsRequest,
    requests: million * inputs.invocationsPerJobHour * PRICES.lambdaRequest,
    duration: million * inputs.invocationsPerJobHour * inputs.secondsPerInvocation * ASSUMPTIONS.memoryGb * PRICES.lambdaGbSecond,
  };
  return { lines, total: Object.values(lines).reduce((sum, x) => sum + x, 0) };
}
