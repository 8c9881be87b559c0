export * from "./catalog.service";
export * from "./catalog.schemas";
export * from "./catalog-admin.schemas";
export * from "./product.machine";
export { listCatalogChanges, type CatalogActor } from "./catalog-audit";
export { createProduct, updateProduct, setProductStatus, getAdminProduct, listAdminProducts, listWarehouses } from "./product-admin.service";
export { createCategory, updateCategory, listAdminCategories } from "./category-admin.service";
export { attachProductImage, setProductImage, readProductImage } from "./product-image.service";
export { prepareProductImage, imageRefused, PRODUCT_IMAGE_MAX_BYTES, PRODUCT_IMAGE_MAX_SIDE, type ImageProblem, type PreparedProductImage } from "./product-image";
