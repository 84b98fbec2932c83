/** Agencies listed in samples/agencies.xlsx besides those of the six sample cases. All fictional. */
import { creditCode } from '../lib/format.js';
import type { Agency } from '../lib/sample-case.js';

export const EXTRA_AGENCIES: readonly Agency[] = [
  {
    name: '东陵省市场监督管理局',
    shortName: '省市场监管局',
    creditCode: creditCode('11390000002500137'),
    region: '东陵省',
    sector: '市场监管',
    level: 'province',
  },
  {
    name: '江州市交通运输局',
    shortName: '市交通运输局',
    creditCode: creditCode('11390100002541265'),
    region: '江州市',
    sector: '交通运输',
    level: 'city',
  },
  {
    name: '江州市滨江区卫生健康局',
    shortName: '滨江区卫健局',
    creditCode: creditCode('11390102MB0397425'),
    region: '江州市滨江区',
    sector: '卫生健康',
    level: 'county',
  },
  {
    name: '江州市滨江区长湖街道办事处',
    shortName: '长湖街道',
    creditCode: creditCode('11390102002548821'),
    region: '江州市滨江区长湖街道',
    sector: '乡镇（街道）综合执法',
    level: 'township',
  },
  {
    name: '青山县白石镇人民政府',
    shortName: '白石镇政府',
    creditCode: creditCode('11390123002551067'),
    region: '江州市青山县白石镇',
    sector: '乡镇（街道）综合执法',
    level: 'township',
  },
];
