// Entities two hops from Mark Rutte in the entity graph: hops follow roles
// (role:*) and relations (rel:*) in either direction, and claims (from a
// claimant to the entities the claim is about).
var entity = function (path) { return path.Has("<cg:name>"); };
var hop = function (path) {
  var direct = entity(path.Both());
  var viaClaims = path.In("<cg:claimant>").Out("<cg:about>");
  return direct.Or(viaClaims);
};
var rutte = g.V("<ent:person/mark-rutte>");
hop(hop(rutte)).Except(rutte).Unique().Save("<cg:name>", "name").all();
