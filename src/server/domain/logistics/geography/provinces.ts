/**
 * Province-level facts the logistics module reasons with: English names, capitals (the fallback
 * location for a city we have no coordinates for), land neighbours (the "neighbouring provinces"
 * fee zone), remote provinces (the "remote" zone) and the regional line-haul hub each province
 * feeds into. Names are spelled exactly as the administrative-division data spells them.
 */
export type ProvinceInfo = {
  name: string;
  nameEn: string;
  /** Short form used in sorting-centre names, e.g. 浙江 / 北京. */
  short: string;
  capital: string;
  neighbours: readonly string[];
  hub: string;
  remote: boolean;
  municipality: boolean;
};

type Row = [name: string, nameEn: string, short: string, capital: string, hub: string, neighbours: string[], flags?: { remote?: boolean; municipality?: boolean }];

const ROWS: Row[] = [
  ["北京市", "Beijing", "北京", "北京市", "北京市", ["天津市", "河北省"], { municipality: true }],
  ["天津市", "Tianjin", "天津", "天津市", "北京市", ["北京市", "河北省"], { municipality: true }],
  ["河北省", "Hebei", "河北", "石家庄市", "北京市", ["北京市", "天津市", "山西省", "内蒙古自治区", "辽宁省", "山东省", "河南省"]],
  ["山西省", "Shanxi", "山西", "太原市", "郑州市", ["河北省", "内蒙古自治区", "陕西省", "河南省"]],
  ["内蒙古自治区", "Inner Mongolia", "内蒙古", "呼和浩特市", "北京市", ["黑龙江省", "吉林省", "辽宁省", "河北省", "山西省", "陕西省", "宁夏回族自治区", "甘肃省"], { remote: true }],
  ["辽宁省", "Liaoning", "辽宁", "沈阳市", "沈阳市", ["吉林省", "内蒙古自治区", "河北省"]],
  ["吉林省", "Jilin", "吉林", "长春市", "沈阳市", ["黑龙江省", "辽宁省", "内蒙古自治区"]],
  ["黑龙江省", "Heilongjiang", "黑龙江", "哈尔滨市", "沈阳市", ["吉林省", "内蒙古自治区"]],
  ["上海市", "Shanghai", "上海", "上海市", "上海市", ["江苏省", "浙江省"], { municipality: true }],
  ["江苏省", "Jiangsu", "江苏", "南京市", "上海市", ["上海市", "浙江省", "安徽省", "山东省"]],
  ["浙江省", "Zhejiang", "浙江", "杭州市", "杭州市", ["上海市", "江苏省", "安徽省", "江西省", "福建省"]],
  ["安徽省", "Anhui", "安徽", "合肥市", "上海市", ["江苏省", "浙江省", "江西省", "湖北省", "河南省", "山东省"]],
  ["福建省", "Fujian", "福建", "福州市", "杭州市", ["浙江省", "江西省", "广东省"]],
  ["江西省", "Jiangxi", "江西", "南昌市", "武汉市", ["浙江省", "安徽省", "湖北省", "湖南省", "广东省", "福建省"]],
  ["山东省", "Shandong", "山东", "济南市", "济南市", ["河北省", "河南省", "安徽省", "江苏省"]],
  ["河南省", "Henan", "河南", "郑州市", "郑州市", ["河北省", "山西省", "陕西省", "湖北省", "安徽省", "山东省"]],
  ["湖北省", "Hubei", "湖北", "武汉市", "武汉市", ["河南省", "陕西省", "重庆市", "湖南省", "江西省", "安徽省"]],
  ["湖南省", "Hunan", "湖南", "长沙市", "武汉市", ["湖北省", "重庆市", "贵州省", "广西壮族自治区", "广东省", "江西省"]],
  ["广东省", "Guangdong", "广东", "广州市", "广州市", ["福建省", "江西省", "湖南省", "广西壮族自治区", "海南省"]],
  ["广西壮族自治区", "Guangxi", "广西", "南宁市", "广州市", ["广东省", "湖南省", "贵州省", "云南省"]],
  ["海南省", "Hainan", "海南", "海口市", "广州市", ["广东省"]],
  ["重庆市", "Chongqing", "重庆", "重庆市", "成都市", ["四川省", "贵州省", "湖南省", "湖北省", "陕西省"], { municipality: true }],
  ["四川省", "Sichuan", "四川", "成都市", "成都市", ["重庆市", "贵州省", "云南省", "西藏自治区", "青海省", "甘肃省", "陕西省"]],
  ["贵州省", "Guizhou", "贵州", "贵阳市", "成都市", ["四川省", "重庆市", "湖南省", "广西壮族自治区", "云南省"]],
  ["云南省", "Yunnan", "云南", "昆明市", "成都市", ["四川省", "贵州省", "广西壮族自治区", "西藏自治区"]],
  ["西藏自治区", "Tibet", "西藏", "拉萨市", "成都市", ["新疆维吾尔自治区", "青海省", "四川省", "云南省"], { remote: true }],
  ["陕西省", "Shaanxi", "陕西", "西安市", "西安市", ["山西省", "内蒙古自治区", "宁夏回族自治区", "甘肃省", "四川省", "重庆市", "湖北省", "河南省"]],
  ["甘肃省", "Gansu", "甘肃", "兰州市", "西安市", ["陕西省", "宁夏回族自治区", "内蒙古自治区", "新疆维吾尔自治区", "青海省", "四川省"], { remote: true }],
  ["青海省", "Qinghai", "青海", "西宁市", "西安市", ["甘肃省", "新疆维吾尔自治区", "西藏自治区", "四川省"], { remote: true }],
  ["宁夏回族自治区", "Ningxia", "宁夏", "银川市", "西安市", ["内蒙古自治区", "陕西省", "甘肃省"], { remote: true }],
  ["新疆维吾尔自治区", "Xinjiang", "新疆", "乌鲁木齐市", "乌鲁木齐市", ["甘肃省", "青海省", "西藏自治区"], { remote: true }],
];

export const PROVINCES: ReadonlyMap<string, ProvinceInfo> = new Map(
  ROWS.map(([name, nameEn, short, capital, hub, neighbours, flags]) => [
    name,
    { name, nameEn, short, capital, hub, neighbours, remote: flags?.remote ?? false, municipality: flags?.municipality ?? false },
  ]),
);

/** The line-haul hubs (regional sorting centres) and the province each sits in. */
export const HUB_PROVINCE: ReadonlyMap<string, string> = new Map([
  ["北京市", "北京市"],
  ["沈阳市", "辽宁省"],
  ["上海市", "上海市"],
  ["杭州市", "浙江省"],
  ["济南市", "山东省"],
  ["郑州市", "河南省"],
  ["武汉市", "湖北省"],
  ["广州市", "广东省"],
  ["成都市", "四川省"],
  ["西安市", "陕西省"],
  ["乌鲁木齐市", "新疆维吾尔自治区"],
]);

export function provinceInfo(name: string): ProvinceInfo | undefined {
  return PROVINCES.get(name);
}
