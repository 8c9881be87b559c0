import { findCity, findProvince } from "@/server/domain/logistics";
import { DomainError } from "@/server/errors";

/**
 * Refuses a province / city / district that is not a real division (the logistics module's
 * administrative-division data). The shipping zone, and so the fee, is read from these names:
 * a typo ("杭洲市") would silently price the parcel as if it went to another place. The field
 * that is wrong is named, highest level first.
 */
export function assertKnownArea(area: { province: string; city: string; district: string }): void {
  const province = findProvince(area.province);
  if (!province) throw areaError("province", "Choose the province from the list");
  const city = findCity(area.province, area.city);
  if (!city) throw areaError("city", "Choose a city of this province from the list");
  if (!city.districts.some((d) => d.name === area.district)) throw areaError("district", "Choose a district of this city from the list");
}

function areaError(field: "province" | "city" | "district", message: string): DomainError {
  return new DomainError("VALIDATION_FAILED", message, { [field]: [message] });
}
