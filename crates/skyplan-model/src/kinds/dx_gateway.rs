//! `dx_gateway`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// The gateway a Direct Connect gateway association names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DxAssociated {
    TransitGateway(Ref<TransitGateway>),
    VpnGateway(Ref<VpnGateway>),
}

impl DxAssociated {
    pub fn span(self) -> Span {
        match self {
            DxAssociated::TransitGateway(r) => r.span,
            DxAssociated::VpnGateway(r) => r.span,
        }
    }
}

/// One association of a Direct Connect gateway.
#[derive(Clone, Debug, PartialEq)]
pub struct DxAssociation {
    pub span: Span,
    /// Every gateway written; exactly one is valid (checked by DX002).
    pub gateways: Vec<DxAssociated>,
    pub allowed_prefixes: Vec<CidrAny>,
}

impl DxAssociation {
    /// The single gateway, when there is exactly one.
    pub fn gateway(&self) -> Option<DxAssociated> {
        match self.gateways.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }
}

/// A Direct Connect gateway.
#[derive(Clone, Debug, PartialEq)]
pub struct DxGateway {
    pub common: Common,
    /// As written (checked by DX001); [`DxGateway::asn`] is the one it gets.
    pub amazon_side_asn: Option<Sp<u64>>,
    pub associations: Vec<DxAssociation>,
    /// The on-premises blocks its virtual interfaces advertise.
    pub networks: Vec<CidrAny>,
}

impl DxGateway {
    /// Whether one of its associations is with transit gateway `g` (its
    /// attachment on `g`).
    pub fn associates(&self, g: Id<TransitGateway>) -> bool {
        (self.associations.iter())
            .any(|a| matches!(a.gateway(), Some(DxAssociated::TransitGateway(t)) if t.id == g))
    }

    /// Its Amazon-side ASN: as written, else AWS's default.
    pub fn asn(&self) -> u64 {
        Kind::DxGateway
            .schema()
            .or_default(self.amazon_side_asn.as_ref(), "amazon_side_asn")
    }
}

impl Resolver<'_> {
    pub(crate) fn dx_gateways(&mut self, m: &mut Model, decls: Vec<Decl<DxGatewaySpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::DxGateway, d.name, &d.tags);
            let from = common.address.clone();
            let written = a.associations.len();
            // Every association is resolved (and reported) before a
            // failure drops the gateway.
            let associations: Vec<DxAssociation> = (a.associations.into_iter())
                .map(|x| self.dx_association(x, &from))
                .collect::<Vec<_>>()
                .into_iter()
                .flatten()
                .collect();
            if associations.len() != written {
                continue;
            }
            self.register(Kind::DxGateway, &common, m.dx_gateways.len());
            m.dx_gateways.push(DxGateway {
                common,
                amazon_side_asn: a.amazon_side_asn,
                associations,
                networks: a.networks.into_iter().map(cidr_any).collect(),
            });
        }
    }

    /// An association with every gateway resolved, or none (each failure
    /// reported).
    fn dx_association(&mut self, x: DxAssociationSpec, from: &str) -> Option<DxAssociation> {
        let written = x.gateways.len();
        let gateways: Vec<DxAssociated> = (x.gateways.iter())
            .filter_map(|g| match g {
                DxAssociatedSpec::TransitGateway(name) => self
                    .lookup(name, "transit_gateway", from)
                    .map(DxAssociated::TransitGateway),
                DxAssociatedSpec::VpnGateway(name) => self
                    .lookup(name, "vpn_gateway", from)
                    .map(DxAssociated::VpnGateway),
            })
            .collect();
        (gateways.len() == written).then(|| DxAssociation {
            span: x.span,
            gateways,
            allowed_prefixes: x.allowed_prefixes.into_iter().map(cidr_any).collect(),
        })
    }
}

takes_nothing!(DxGateway);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.dx_gateways.iter().enumerate() {
        let me = node(Kind::DxGateway, i);
        for (k, a) in r.associations.iter().enumerate() {
            for gateway in &a.gateways {
                match *gateway {
                    DxAssociated::TransitGateway(t) => {
                        depends(g, me, t, format!("associations[{k}].transit_gateway"));
                    }
                    DxAssociated::VpnGateway(v) => {
                        depends(g, me, v, format!("associations[{k}].vpn_gateway"));
                    }
                }
            }
        }
    }
}
