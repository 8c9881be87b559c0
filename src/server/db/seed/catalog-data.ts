/** Demo catalog: realistic names, prices in fen, weights in grams, parcel sizes in mm. */
export const CATEGORIES = [
  { slug: "electronics", nameEn: "Electronics", nameZh: "数码电子", sortOrder: 1 },
  { slug: "home", nameEn: "Home & Kitchen", nameZh: "家居厨具", sortOrder: 2 },
  { slug: "food", nameEn: "Food & Tea", nameZh: "食品茶饮", sortOrder: 3 },
  { slug: "apparel", nameEn: "Apparel", nameZh: "服饰鞋包", sortOrder: 4 },
  { slug: "books", nameEn: "Books & Stationery", nameZh: "图书文具", sortOrder: 5 },
  { slug: "sports", nameEn: "Sports & Outdoors", nameZh: "运动户外", sortOrder: 6 },
] as const;

export const WAREHOUSES = [
  { code: "WH-HZ", name: "Hangzhou Xiaoshan Warehouse", province: "浙江省", city: "杭州市", district: "萧山区", detail: "萧山经济技术开发区建设一路 88 号" },
  { code: "WH-SH", name: "Shanghai Jiading Warehouse", province: "上海市", city: "上海市", district: "嘉定区", detail: "嘉定工业区叶城路 1288 号" },
  { code: "WH-GZ", name: "Guangzhou Baiyun Warehouse", province: "广东省", city: "广州市", district: "白云区", detail: "太和镇大源北路 36 号" },
  { code: "WH-BJ", name: "Beijing Daxing Warehouse", province: "北京市", city: "北京市", district: "大兴区", detail: "亦庄经济开发区科创十三街 9 号" },
  { code: "WH-CD", name: "Chengdu Shuangliu Warehouse", province: "四川省", city: "成都市", district: "双流区", detail: "西航港大道中四段 1 号" },
] as const;

type ProductSeed = {
  sku: string;
  name: string;
  /** The name and description a Chinese shop would write, shown on zh-CN pages. */
  nameZh: string;
  category: (typeof CATEGORIES)[number]["slug"];
  warehouse: (typeof WAREHOUSES)[number]["code"];
  priceMinor: number;
  weightGrams: number;
  size: [number, number, number];
  stock: number;
  description: string;
  descriptionZh: string;
};

export const PRODUCTS: ProductSeed[] = [
  { sku: "EL-1001", name: "Wireless Noise-Cancelling Headphones", nameZh: "头戴式无线降噪耳机", category: "electronics", warehouse: "WH-SH", priceMinor: 89900, weightGrams: 320, size: [220, 190, 90], stock: 120, description: "Over-ear, 30-hour battery, USB-C fast charge.", descriptionZh: "包耳式设计，30 小时续航，支持 USB-C 快充。" },
  { sku: "EL-1002", name: "65W GaN USB-C Charger", nameZh: "65W 氮化镓 USB-C 充电器", category: "electronics", warehouse: "WH-GZ", priceMinor: 14900, weightGrams: 120, size: [80, 60, 40], stock: 400, description: "Three ports, foldable pins, charges a laptop and a phone at once.", descriptionZh: "三口输出，折叠插脚，笔记本和手机可同时充电。" },
  { sku: "EL-1003", name: "Mechanical Keyboard, 87 Keys", nameZh: "87 键机械键盘", category: "electronics", warehouse: "WH-GZ", priceMinor: 39900, weightGrams: 950, size: [380, 160, 60], stock: 80, description: "Hot-swappable switches, PBT keycaps, white backlight.", descriptionZh: "支持热插拔轴体，PBT 键帽，白色背光。" },
  { sku: "EL-1004", name: "Bluetooth Smart Speaker", nameZh: "蓝牙智能音箱", category: "electronics", warehouse: "WH-HZ", priceMinor: 29900, weightGrams: 780, size: [180, 180, 200], stock: 150, description: "360° sound, voice assistant, Wi-Fi and Bluetooth.", descriptionZh: "360° 环绕音效，内置语音助手，支持 Wi-Fi 与蓝牙。" },
  { sku: "EL-1005", name: "20000mAh Power Bank", nameZh: "20000mAh 移动电源", category: "electronics", warehouse: "WH-GZ", priceMinor: 12900, weightGrams: 420, size: [160, 80, 30], stock: 300, description: "22.5W fast charging with a built-in cable.", descriptionZh: "22.5W 快充，自带充电线。" },
  { sku: "EL-1006", name: "1080p Home Security Camera", nameZh: "1080P 家用监控摄像头", category: "electronics", warehouse: "WH-HZ", priceMinor: 19900, weightGrams: 350, size: [150, 110, 110], stock: 90, description: "Pan and tilt, night vision, two-way audio.", descriptionZh: "云台转动，红外夜视，双向语音通话。" },
  { sku: "EL-1007", name: "E-Ink Reader, 7 inch", nameZh: "7 英寸墨水屏阅读器", category: "electronics", warehouse: "WH-BJ", priceMinor: 109900, weightGrams: 260, size: [200, 150, 30], stock: 60, description: "300 ppi screen, warm light, weeks of battery.", descriptionZh: "300 ppi 高清屏，暖光阅读，续航长达数周。" },
  { sku: "HM-2001", name: "Cast Iron Dutch Oven, 24 cm", nameZh: "24 厘米铸铁珐琅锅", category: "home", warehouse: "WH-SH", priceMinor: 49900, weightGrams: 4800, size: [320, 280, 180], stock: 40, description: "Enamelled, oven-safe to 260 °C.", descriptionZh: "搪瓷内壁，可入烤箱，耐温 260 °C。" },
  { sku: "HM-2002", name: "Bamboo Cutting Board Set", nameZh: "竹制砧板三件套", category: "home", warehouse: "WH-HZ", priceMinor: 8900, weightGrams: 1600, size: [400, 280, 50], stock: 200, description: "Three sizes with juice grooves.", descriptionZh: "大中小三种尺寸，带导流槽。" },
  { sku: "HM-2003", name: "Smart Rice Cooker, 3 L", nameZh: "3 升智能电饭煲", category: "home", warehouse: "WH-GZ", priceMinor: 59900, weightGrams: 3500, size: [330, 300, 280], stock: 70, description: "Induction heating, twelve cooking programmes.", descriptionZh: "IH 电磁加热，十二种烹饪模式。" },
  { sku: "HM-2004", name: "Memory Foam Pillow", nameZh: "记忆棉护颈枕", category: "home", warehouse: "WH-HZ", priceMinor: 15900, weightGrams: 1300, size: [600, 400, 150], stock: 180, description: "Contoured support, washable bamboo cover.", descriptionZh: "人体工学曲线支撑，竹纤维枕套可拆洗。" },
  { sku: "HM-2005", name: "Stainless Steel Vacuum Flask, 500 ml", nameZh: "不锈钢保温杯 500 毫升", category: "home", warehouse: "WH-SH", priceMinor: 9900, weightGrams: 380, size: [260, 80, 80], stock: 500, description: "Keeps drinks hot for 12 hours.", descriptionZh: "长效保温 12 小时。" },
  { sku: "HM-2006", name: "Linen Bed Sheet Set, Queen", nameZh: "亚麻床品四件套（1.8 米床）", category: "home", warehouse: "WH-HZ", priceMinor: 39900, weightGrams: 2100, size: [400, 300, 120], stock: 85, description: "Stone-washed French linen, four pieces.", descriptionZh: "法国亚麻，石洗工艺，一套四件。" },
  { sku: "FD-3001", name: "West Lake Longjing Green Tea, 250 g", nameZh: "西湖龙井绿茶 250 克", category: "food", warehouse: "WH-HZ", priceMinor: 36800, weightGrams: 400, size: [200, 120, 120], stock: 150, description: "Pre-Qingming harvest from Hangzhou.", descriptionZh: "杭州明前采摘。" },
  { sku: "FD-3002", name: "Yunnan Pu'er Tea Cake, 357 g", nameZh: "云南普洱茶饼 357 克", category: "food", warehouse: "WH-CD", priceMinor: 25800, weightGrams: 500, size: [220, 220, 50], stock: 120, description: "Aged ripe pu'er, wrapped in cotton paper.", descriptionZh: "陈年熟普，棉纸包装。" },
  { sku: "FD-3003", name: "Sichuan Hot Pot Base, 4 packs", nameZh: "四川火锅底料 4 袋装", category: "food", warehouse: "WH-CD", priceMinor: 5990, weightGrams: 1100, size: [250, 180, 100], stock: 600, description: "Beef tallow broth, medium spicy.", descriptionZh: "牛油锅底，中辣。" },
  { sku: "FD-3004", name: "Mixed Nuts Gift Box, 1.2 kg", nameZh: "每日坚果礼盒 1.2 公斤", category: "food", warehouse: "WH-SH", priceMinor: 16900, weightGrams: 1500, size: [350, 250, 100], stock: 240, description: "Eight kinds of roasted nuts in daily packs.", descriptionZh: "八种烘焙坚果，每日一小包。" },
  { sku: "FD-3005", name: "Single-Origin Coffee Beans, 500 g", nameZh: "单一产地咖啡豆 500 克", category: "food", warehouse: "WH-SH", priceMinor: 13800, weightGrams: 550, size: [250, 130, 80], stock: 160, description: "Yunnan Arabica, medium roast.", descriptionZh: "云南阿拉比卡，中度烘焙。" },
  { sku: "FD-3006", name: "Wuchang Rice, 5 kg", nameZh: "五常大米 5 公斤", category: "food", warehouse: "WH-BJ", priceMinor: 8990, weightGrams: 5100, size: [400, 280, 100], stock: 300, description: "Daohuaxiang variety from Heilongjiang.", descriptionZh: "黑龙江稻花香品种。" },
  { sku: "AP-4001", name: "Merino Wool Crew Sweater", nameZh: "美利奴羊毛圆领毛衣", category: "apparel", warehouse: "WH-HZ", priceMinor: 45900, weightGrams: 450, size: [350, 280, 60], stock: 110, description: "Extra-fine merino, machine washable.", descriptionZh: "超细美利奴羊毛，可机洗。" },
  { sku: "AP-4002", name: "Waterproof Hiking Jacket", nameZh: "防水登山冲锋衣", category: "apparel", warehouse: "WH-GZ", priceMinor: 69900, weightGrams: 700, size: [400, 300, 80], stock: 75, description: "Three-layer shell, taped seams.", descriptionZh: "三层压胶面料，接缝全压胶。" },
  { sku: "AP-4003", name: "Everyday Running Shoes", nameZh: "日常跑步鞋", category: "apparel", warehouse: "WH-GZ", priceMinor: 52900, weightGrams: 900, size: [330, 220, 120], stock: 130, description: "Cushioned midsole, breathable knit upper.", descriptionZh: "缓震中底，透气针织鞋面。" },
  { sku: "AP-4004", name: "Silk Scarf, Hangzhou Pattern", nameZh: "杭州图案真丝围巾", category: "apparel", warehouse: "WH-HZ", priceMinor: 29900, weightGrams: 90, size: [200, 150, 20], stock: 95, description: "Mulberry silk, hand-rolled edges.", descriptionZh: "桑蚕丝面料，手工卷边。" },
  { sku: "AP-4005", name: "Canvas Tote Bag", nameZh: "帆布托特包", category: "apparel", warehouse: "WH-SH", priceMinor: 6900, weightGrams: 300, size: [300, 250, 30], stock: 350, description: "Heavy canvas with an inner zip pocket.", descriptionZh: "厚实帆布，内附拉链口袋。" },
  { sku: "BK-5001", name: "Fountain Pen with Converter", nameZh: "钢笔（附上墨器）", category: "books", warehouse: "WH-SH", priceMinor: 19900, weightGrams: 60, size: [180, 60, 40], stock: 140, description: "Fine nib, brass body.", descriptionZh: "细尖笔头，黄铜笔身。" },
  { sku: "BK-5002", name: "Dot Grid Notebook, A5", nameZh: "A5 点阵笔记本", category: "books", warehouse: "WH-BJ", priceMinor: 5900, weightGrams: 350, size: [220, 150, 20], stock: 700, description: "160 pages of 100 gsm paper.", descriptionZh: "160 页，100 克纸张。" },
  { sku: "BK-5003", name: "The Three-Body Problem (Hardcover)", nameZh: "《三体》（精装）", category: "books", warehouse: "WH-BJ", priceMinor: 9300, weightGrams: 650, size: [240, 170, 40], stock: 220, description: "Liu Cixin's award-winning science fiction.", descriptionZh: "刘慈欣获奖科幻代表作。" },
  { sku: "BK-5004", name: "Chinese Calligraphy Starter Set", nameZh: "书法入门套装", category: "books", warehouse: "WH-HZ", priceMinor: 16800, weightGrams: 1200, size: [380, 260, 80], stock: 60, description: "Brushes, ink stone, ink stick and rice paper.", descriptionZh: "毛笔、砚台、墨条与宣纸一应俱全。" },
  { sku: "BK-5005", name: "Watercolour Paint Set, 36 Colours", nameZh: "36 色固体水彩套装", category: "books", warehouse: "WH-SH", priceMinor: 12800, weightGrams: 480, size: [250, 180, 30], stock: 90, description: "Artist-grade pans with a travel brush.", descriptionZh: "艺术家级颜料，附旅行水笔。" },
  { sku: "SP-6001", name: "Yoga Mat, 6 mm", nameZh: "6 毫米瑜伽垫", category: "sports", warehouse: "WH-GZ", priceMinor: 15900, weightGrams: 1100, size: [620, 150, 150], stock: 200, description: "Non-slip TPE with a carry strap.", descriptionZh: "TPE 防滑材质，附背带。" },
  { sku: "SP-6002", name: "Adjustable Dumbbells, 2 × 10 kg", nameZh: "可调节哑铃 2 × 10 公斤", category: "sports", warehouse: "WH-BJ", priceMinor: 39900, weightGrams: 20800, size: [450, 300, 250], stock: 30, description: "Quick-change plates in a case.", descriptionZh: "快拆杠片，附收纳箱。" },
  { sku: "SP-6003", name: "Ultralight Camping Tent, 2 Person", nameZh: "双人超轻露营帐篷", category: "sports", warehouse: "WH-CD", priceMinor: 89900, weightGrams: 1900, size: [500, 180, 180], stock: 45, description: "Double wall, 3-season, 1.9 kg.", descriptionZh: "双层结构，三季适用，重 1.9 公斤。" },
  { sku: "SP-6004", name: "Badminton Racket Pair", nameZh: "羽毛球拍两支装", category: "sports", warehouse: "WH-GZ", priceMinor: 25900, weightGrams: 400, size: [700, 250, 60], stock: 110, description: "Carbon frames, strung, with shuttlecocks.", descriptionZh: "碳素拍框，已穿线，附羽毛球。" },
  { sku: "SP-6005", name: "Insulated Water Bottle, 1 L", nameZh: "保温运动水壶 1 升", category: "sports", warehouse: "WH-SH", priceMinor: 11900, weightGrams: 480, size: [290, 95, 95], stock: 260, description: "Keeps water cold for 24 hours.", descriptionZh: "保冷长达 24 小时。" },
  { sku: "SP-6006", name: "Trekking Poles, Carbon", nameZh: "碳纤维登山杖", category: "sports", warehouse: "WH-CD", priceMinor: 32900, weightGrams: 450, size: [680, 120, 80], stock: 65, description: "Three sections, cork grips.", descriptionZh: "三节伸缩，软木手柄。" },
  { sku: "SP-6007", name: "Cycling Helmet", nameZh: "骑行头盔", category: "sports", warehouse: "WH-HZ", priceMinor: 27900, weightGrams: 300, size: [300, 230, 180], stock: 5, description: "In-mould shell with MIPS liner. Last few in stock.", descriptionZh: "一体成型外壳，配 MIPS 内衬。仅剩少量库存。" },
];

export const DEMO_ACCOUNTS = [
  { email: "shopper@shopflow.test", name: "Li Wei", password: "shopper123", role: "shopper" as const },
  { email: "shopper2@shopflow.test", name: "Zhang Min", password: "shopper123", role: "shopper" as const },
  { email: "admin@shopflow.test", name: "Shop Admin", password: "admin123", role: "admin" as const },
];

export const DEMO_ADDRESSES: Record<string, { recipient: string; phone: string; province: string; city: string; district: string; detail: string; isDefault: boolean }[]> = {
  "shopper@shopflow.test": [
    { recipient: "李伟", phone: "13800138000", province: "浙江省", city: "杭州市", district: "西湖区", detail: "文三路 478 号华星时代广场 A 座 1201", isDefault: true },
    { recipient: "李伟", phone: "13800138000", province: "上海市", city: "上海市", district: "浦东新区", detail: "世纪大道 100 号 28 楼", isDefault: false },
  ],
  "shopper2@shopflow.test": [
    { recipient: "张敏", phone: "13912345678", province: "广东省", city: "深圳市", district: "南山区", detail: "科技园南区高新南七道 9 号", isDefault: true },
  ],
};
