/**
 * Statutory parameters when a scheme does not give them, by the law in force on a date.
 * The 2021 revision of 行政处罚法 (in force 2021-07-15) changed several of them, and the 2014
 * revision of 行政诉讼法 (in force 2015-05-01) changed the time to sue from 3 to 6 months.
 * A scheme's own `parameters` always win (see CheckContext.parameter).
 */
export interface ParameterEra {
  /** First day this value applies (inclusive); absent: since always. */
  from?: string;
  value: number;
  basis: string;
}

export const PENALTY_LAW_2021 = '2021-07-15';

export const DEFAULT_PARAMETERS: Record<string, readonly ParameterEra[]> = {
  decisionDays: [{ from: PENALTY_LAW_2021, value: 90, basis: '行政处罚法（2021）第六十条' }],
  serviceWorkingDays: [{ value: 7, basis: '行政处罚法第六十一条（2021）/第四十条（2017）' }],
  statementWorkingDays: [{ value: 5, basis: '行政处罚法第四十四条、第八十五条；各地程序规定' }],
  hearingRequestWorkingDays: [
    { value: 3, basis: '行政处罚法（2017）第四十二条：告知后三日内提出' },
    { from: PENALTY_LAW_2021, value: 5, basis: '行政处罚法（2021）第六十四条：告知后五日内提出' },
  ],
  hearingNoticeWorkingDays: [{ value: 7, basis: '行政处罚法第六十四条（2021）/第四十二条（2017）' }],
  simpleProcedurePersonYuan: [
    { value: 50, basis: '行政处罚法（2017）第三十三条' },
    { from: PENALTY_LAW_2021, value: 200, basis: '行政处罚法（2021）第五十一条' },
  ],
  simpleProcedureOrganizationYuan: [
    { value: 1000, basis: '行政处罚法（2017）第三十三条' },
    { from: PENALTY_LAW_2021, value: 3000, basis: '行政处罚法（2021）第五十一条' },
  ],
  reconsiderationDays: [{ value: 60, basis: '行政复议法第二十条（2023）/第九条（2017）' }],
  litigationMonths: [
    { value: 3, basis: '行政诉讼法（1989）第三十九条' },
    { from: '2015-05-01', value: 6, basis: '行政诉讼法（2014修正）第四十六条' },
  ],
  minOfficers: [{ value: 2, basis: '行政处罚法第四十二条（2021）/第三十七条（2017）' }],
  /** 较大数额 for the hearing right: a common provincial threshold; sector rules differ and schemes should set it. */
  hearingThresholdPersonYuan: [{ value: 10_000, basis: '各地、各部门听证程序规定（常见数额，应由评查标准设定）' }],
  hearingThresholdOrganizationYuan: [{ value: 100_000, basis: '各地、各部门听证程序规定（常见数额，应由评查标准设定）' }],
  timeBarMonths: [{ value: 24, basis: '行政处罚法第三十六条' }],
  archiveDays: [{ value: 30, basis: '文书立卷归档规范' }],
};

/** The value in force on `date` (default: today's law). */
export function defaultParameter(name: string, date?: string | null): number | undefined {
  const eras = DEFAULT_PARAMETERS[name];
  if (!eras) return undefined;
  const on = date ?? '9999-12-31';
  let found: ParameterEra | undefined;
  for (const era of eras) if (!era.from || era.from <= on) found = era;
  return found?.value;
}
