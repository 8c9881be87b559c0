import type { CarrierInput } from "@/server/domain/logistics/logistics.schemas";

/**
 * Demo carriers: simulated, but priced and numbered like Chinese express companies
 * ("首重 + 续重" by zone, volumetric divisors of 6000–12000, tracking numbers with check digits;
 * the postal carrier uses the UPU S10 format of EMS). Fees in fen.
 */
type Rules = [sameCity: [number, number], sameProvince: [number, number], neighbouring: [number, number], far: [number, number], remote: [number, number]];

const rules = (r: Rules) =>
  (["same_city", "same_province", "neighbouring", "far", "remote"] as const).map((zone, i) => ({ zone, firstFeeMinor: r[i]![0], additionalFeeMinor: r[i]![1] }));

export const CARRIERS: CarrierInput[] = [
  {
    code: "SWIFT",
    nameEn: "Swift Express",
    nameZh: "迅风速运",
    logoColor: "#111827",
    trackingPrefix: "SW",
    trackingBodyLength: 12,
    trackingCheck: "luhn",
    serviceLevels: [
      {
        code: "standard",
        nameEn: "Standard Express",
        nameZh: "标准快递",
        promisedDays: 2,
        speed: "express",
        firstWeightGrams: 1000,
        stepGrams: 1000,
        volumetricDivisor: 6000,
        rules: rules([[1200, 200], [1300, 200], [1800, 500], [2300, 1000], [2800, 1500]]),
      },
      {
        code: "next_day",
        nameEn: "Next-Day Air",
        nameZh: "次日达",
        promisedDays: 1,
        speed: "express",
        firstWeightGrams: 1000,
        stepGrams: 500,
        volumetricDivisor: 6000,
        rules: rules([[2200, 400], [2300, 400], [2800, 600], [3300, 800], [4000, 1100]]),
      },
    ],
  },
  {
    code: "ZTX",
    nameEn: "Zhongtuo Express",
    nameZh: "中拓快递",
    logoColor: "#1d4ed8",
    trackingPrefix: "ZX",
    trackingBodyLength: 12,
    trackingCheck: "mod10_31",
    serviceLevels: [
      {
        code: "standard",
        nameEn: "Economy",
        nameZh: "经济快递",
        promisedDays: 3,
        firstWeightGrams: 1000,
        stepGrams: 1000,
        volumetricDivisor: 8000,
        freeShippingThresholdMinor: 9900,
        rules: rules([[600, 100], [800, 200], [1000, 400], [1200, 600], [2000, 1500]]),
      },
    ],
  },
  {
    code: "YUNHAI",
    nameEn: "Yunhai Express",
    nameZh: "云海快递",
    logoColor: "#7c3aed",
    trackingPrefix: "YH",
    trackingBodyLength: 13,
    trackingCheck: "mod7",
    serviceLevels: [
      {
        code: "standard",
        nameEn: "Saver",
        nameZh: "特惠件",
        promisedDays: 4,
        firstWeightGrams: 1000,
        stepGrams: 1000,
        volumetricDivisor: 8000,
        freeShippingThresholdMinor: 19900,
        rules: rules([[500, 100], [700, 150], [900, 300], [1100, 500], [1800, 1200]]),
      },
    ],
  },
  {
    code: "POSTX",
    nameEn: "Postal Express",
    nameZh: "邮驿速递",
    logoColor: "#15803d",
    trackingPrefix: "EA",
    trackingBodyLength: 8,
    trackingCheck: "s10",
    trackingSuffix: "CN",
    serviceLevels: [
      {
        code: "standard",
        nameEn: "Postal Parcel",
        nameZh: "邮政快递包裹",
        promisedDays: 4,
        firstWeightGrams: 1000,
        stepGrams: 1000,
        volumetricDivisor: 12000,
        rules: rules([[800, 300], [900, 400], [1000, 500], [1200, 700], [1500, 1000]]),
      },
      {
        code: "express",
        nameEn: "EMS Express",
        nameZh: "EMS 特快",
        promisedDays: 2,
        speed: "express",
        firstWeightGrams: 500,
        stepGrams: 500,
        volumetricDivisor: 6000,
        rules: rules([[1800, 300], [2000, 300], [2200, 450], [2500, 600], [3000, 900]]),
      },
    ],
  },
];

/** Courier service areas: warehouse cities and common destination cities, with a busy district each. */
export const COURIER_AREAS: { province: string; city: string; districts: string[] }[] = [
  { province: "浙江省", city: "杭州市", districts: ["西湖区", "萧山区", "滨江区"] },
  { province: "上海市", city: "上海市", districts: ["浦东新区", "嘉定区", "徐汇区"] },
  { province: "广东省", city: "广州市", districts: ["天河区", "白云区"] },
  { province: "广东省", city: "深圳市", districts: ["南山区", "福田区"] },
  { province: "北京市", city: "北京市", districts: ["朝阳区", "海淀区", "大兴区"] },
  { province: "四川省", city: "成都市", districts: ["武侯区", "双流区"] },
  { province: "江苏省", city: "南京市", districts: ["鼓楼区"] },
  { province: "江苏省", city: "苏州市", districts: ["姑苏区"] },
  { province: "湖北省", city: "武汉市", districts: ["洪山区"] },
  { province: "陕西省", city: "西安市", districts: ["雁塔区"] },
  { province: "重庆市", city: "重庆市", districts: ["渝北区"] },
  { province: "湖南省", city: "长沙市", districts: ["岳麓区"] },
  { province: "天津市", city: "天津市", districts: ["南开区"] },
  { province: "新疆维吾尔自治区", city: "乌鲁木齐市", districts: ["天山区"] },
];

export const COURIER_SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
export const COURIER_GIVEN_NAMES = ["伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "斌", "鹏", "辉", "刚", "健", "亮", "峰", "波", "晨", "浩"];
