import { seededRandom } from "./random";

/**
 * Where simulated shoppers live: districts every demo carrier serves and has couriers in, so
 * generated orders get shipping options and couriers like real ones.
 */
const PLACES = [
  { province: "浙江省", city: "杭州市", district: "西湖区", street: "文三路" },
  { province: "浙江省", city: "杭州市", district: "滨江区", street: "江南大道" },
  { province: "上海市", city: "上海市", district: "浦东新区", street: "世纪大道" },
  { province: "上海市", city: "上海市", district: "徐汇区", street: "漕溪北路" },
  { province: "广东省", city: "广州市", district: "天河区", street: "天河路" },
  { province: "广东省", city: "深圳市", district: "南山区", street: "科技园南路" },
  { province: "北京市", city: "北京市", district: "朝阳区", street: "建国路" },
  { province: "北京市", city: "北京市", district: "海淀区", street: "中关村大街" },
  { province: "四川省", city: "成都市", district: "武侯区", street: "天府大道" },
  { province: "江苏省", city: "南京市", district: "鼓楼区", street: "中山路" },
  { province: "湖北省", city: "武汉市", district: "洪山区", street: "珞喻路" },
  { province: "陕西省", city: "西安市", district: "雁塔区", street: "长安南路" },
] as const;

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "霞", "平", "刚"];
const PINYIN_SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo"];

export type SimulatedShopper = {
  email: string;
  name: string;
  address: { recipient: string; phone: string; province: string; city: string; district: string; detail: string; isDefault: boolean };
};

/**
 * Shopper `idx` of a run, derived from the seed and the run id alone: a retried batch asks for
 * the same email and finds the account it already made.
 */
export function simulatedShopper({ seed, runId, idx }: { seed: number; runId: string; idx: number }): SimulatedShopper {
  const random = seededRandom(seed, "simulation-shopper", idx);
  const s = Math.floor(random() * SURNAMES.length);
  const given = GIVEN[Math.floor(random() * GIVEN.length)]!;
  const place = PLACES[Math.floor(random() * PLACES.length)]!;
  const phone = `1${[3, 5, 7, 8, 9][Math.floor(random() * 5)]}${String(Math.floor(random() * 1e9)).padStart(9, "0")}`;
  const number = 1 + Math.floor(random() * 999);
  return {
    email: `sim-${runId.slice(0, 8)}-${idx}@sim.shopflow.test`,
    name: `${PINYIN_SURNAMES[s]} ${given} (sim)`,
    address: {
      recipient: `${SURNAMES[s]}${given}`,
      phone,
      province: place.province,
      city: place.city,
      district: place.district,
      detail: `${place.street} ${number} 号`,
      isDefault: true,
    },
  };
}

/** The note that tags a generated order, so a retried batch can recognise an order it already placed. */
export function simulatedOrderNote(runId: string, idx: number): string {
  return `Simulation ${runId.slice(0, 8)} #${idx}`;
}
