// Procesregie's Spectral function: a paginated GET (with a `page` query parameter) documents
// the Link header on its 200 response (ADR pagination; RFC 8288).
module.exports = function lijstenHebbenLink(operatie) {
  if (!operatie || !Array.isArray(operatie.parameters)) return [];
  const gepagineerd = operatie.parameters.some((p) => p && p.in === 'query' && p.name === 'page');
  if (!gepagineerd) return [];
  const headers = (((operatie.responses || {})['200'] || {}).headers) || {};
  if (headers.Link) return [];
  return [{ message: 'Een gepagineerde lijst documenteert de Link-header op 200.' }];
};
