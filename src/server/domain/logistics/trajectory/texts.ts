import type { EventKind, Facility } from "./planner";

/**
 * The event text of a checkpoint in both languages, in the style of Chinese carriers'
 * tracking pages: "【杭州市】快件已到达【杭州转运中心】" / "Arrived at Hangzhou sorting centre".
 * Courier and signer are filled in when the text is read, so a reassigned courier shows up.
 */
export type CheckpointTextInput = {
  kind: EventKind;
  city: string;
  cityEn: string;
  facility: Facility;
  next?: Facility | null;
  courier?: { name: string; maskedPhone: string } | null;
  signer?: string | null;
  note?: string | null;
};

export function describeCheckpoint(cp: CheckpointTextInput): { zh: string; en: string } {
  const where = `【${cp.city}】`;
  const f = cp.facility;
  switch (cp.kind) {
    case "picked_up":
      return { zh: `${where}快件已在【${f.zh}】完成揽收`, en: `Picked up at ${f.en}, ${cp.cityEn}` };
    case "arrived_sorting":
      return { zh: `${where}快件已到达【${f.zh}】`, en: `Arrived at ${f.en}` };
    case "departed_sorting":
      return {
        zh: `${where}快件已从【${f.zh}】发出，准备发往【${cp.next?.zh ?? ""}】`,
        en: `Departed ${f.en}, heading to ${cp.next?.en ?? "the next facility"}`,
      };
    case "arrived_station":
      return { zh: `${where}快件已到达【${f.zh}】，正在安排派送`, en: `Arrived at ${f.en}, preparing for delivery` };
    case "out_for_delivery":
      return cp.courier
        ? {
            zh: `${where}【${f.zh}】派件员：${cp.courier.name}，电话：${cp.courier.maskedPhone}，正在为您派件，请保持电话畅通`,
            en: `Out for delivery with courier ${cp.courier.name} (tel. ${cp.courier.maskedPhone})`,
          }
        : { zh: `${where}【${f.zh}】快件正在派送中，请保持电话畅通`, en: `Out for delivery from ${f.en}` };
    case "delivery_failed":
      return {
        zh: `${where}快件派送不成功（收件人不在，电话无人接听），将于下一工作日再次派送`,
        en: "Delivery attempt failed (recipient not available); the courier will try again on the next working day",
      };
    case "delivered":
      return {
        zh: `${where}快件已签收，签收人：${cp.signer || "本人"}。感谢使用，期待再次为您服务`,
        en: `Delivered, signed for by ${cp.signer || "the recipient"}. Thank you for shipping with us`,
      };
    case "exception_address":
      return {
        zh: `${where}快件收件地址不详，派送受阻，正在联系收件人核实地址`,
        en: "Delivery on hold: the address is incomplete; the carrier is contacting the recipient",
      };
    case "exception_lost":
      return { zh: `${where}快件在【${f.zh}】转运时出现异常，正在核实处理`, en: `Exception at ${f.en}: the parcel is being traced` };
    case "exception_raised":
      return { zh: `${where}快件出现异常：${cp.note ?? "正在处理"}`, en: `Exception: ${cp.note ?? "being handled"}` };
    case "exception_resolved":
      return { zh: `${where}快件异常已处理，继续安排派送`, en: "The issue has been resolved; the parcel is on its way again" };
    case "lost_confirmed":
      return {
        zh: `${where}快件经核实已丢失，商家将为您处理退款，给您带来不便敬请谅解`,
        en: "The parcel has been confirmed lost; the shop will arrange a refund. We apologise for the trouble",
      };
    case "returned":
      return {
        zh: `${where}快件多次派送不成功，已安排退回寄件人`,
        en: "Returned to sender after unsuccessful delivery attempts",
      };
  }
}
