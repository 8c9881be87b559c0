/** The id of the bulk-ship form; the "to ship" list's checkboxes belong to it through their `form` attribute. */
export const BULK_SHIP_FORM = "bulk-ship-form";
/** At most this many orders per bulk ship (the server refuses more). */
export const BULK_SHIP_LIMIT = 50;
