import { describe, expect, it } from 'vitest';
import { costOfWaitingPerMillionJobHours, costPerMillionArticles } from '../../../bench/support/cost-model';

// The inputs docs/scaling.md quotes ("Issue 16 item 4") and the total it writes down.
const DOCUMENTED = {
  cpuSecondsPerArticle: 0.089,
  articleItemWriteUnits: 4.873,
  byUrlShare: 3 / 181,
  slotWriteUnitsPerRequest: 2,
  slotReadUnitsPerRequest: 0,
  logBytesPerArticle: 452,
};

describe("the cost model's arithmetic", () => {
  it('gives the $9.73 per million articles docs/scaling.md writes down, line by line', () => {
    const { lines, total } = costPerMillionArticles(DOCUMENTED);
    expect(lines.duration).toBeCloseTo(2.42, 2);
    expect(lines.articleWrites).toBeCloseTo(4.31, 2);
    expect(lines.slotWrites).toBeCloseTo(1.25, 2);
    expect(lines.slotReads).toBe(0);
    expect(total).toBeCloseTo(9.73, 2);
  });

  it('reaches $10 at 0.1006 s of CPU per article, and $11.60 at the undivided 0.170 s', () => {
    expect(costPerMillionArticles({ ...DOCUMENTED, cpuSecondsPerArticle: 0.1006 }).total).toBeCloseTo(10.0, 2);
    expect(costPerMillionArticles({ ...DOCUMENTED, cpuSecondsPerArticle: 0.1701 }).total).toBeCloseTo(11.6, 1);
  });

  it('prices waiting out a store outage at the $3.59 per million job-hours docs/scaling.md writes down (2 receives, 0.2 invocations of 2 s per job-hour)', () => {
    const { lines, total } = costOfWaitingPerMillionJobHours({ receivesPerJobHour: 2, invocationsPerJobHour: 0.2, secondsPerInvocation: 2 });
    expect(lines.visibility).toBeCloseTo(0.8, 2);
    expect(lines.duration).toBeCloseTo(2.67, 2);
    expect(total).toBeCloseTo(3.59, 2);
  });
});
