// The API description page (/ui/api-docs): Swagger UI over the document the session may read.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/ui/api-docs/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: false
  });
});
