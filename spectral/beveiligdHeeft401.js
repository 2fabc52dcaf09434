// Procesregie's Spectral function: an operation that needs credentials (a security
// requirement that is not the empty one) documents 401.
module.exports = function beveiligdHeeft401(operatie) {
  if (!operatie || !Array.isArray(operatie.security)) return [];
  const beveiligd = operatie.security.length > 0
    && operatie.security.every((eis) => eis && Object.keys(eis).length > 0);
  if (!beveiligd || (operatie.responses || {})['401']) return [];
  return [{ message: 'Een beveiligde operatie documenteert 401.' }];
};
