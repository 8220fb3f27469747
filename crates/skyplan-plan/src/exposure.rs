//! What a change does to traffic from the internet: the exposure the last
//! apply recorded in the state against the exposure of the stack as
//! planned ("internet -> instance.db tcp/5432 becomes reachable").

use serde::{Deserialize, Serialize};
use skyplan_state::{Exposed, State};

/// What a plan opens to the internet and what it closes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExposureChanges {
    /// Reachable from the internet after the apply, not before.
    pub opens: Vec<Exposed>,
    /// Reachable before, not after.
    pub closes: Vec<Exposed>,
    /// The state has objects but no record (its last apply was by a
    /// skyplan that did not record exposure): nothing to compare with.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unrecorded: bool,
}

impl ExposureChanges {
    /// `after` (sorted) against the state's record.
    pub fn between(state: Option<&State>, after: &[Exposed]) -> ExposureChanges {
        let before: &[Exposed] = match state {
            None => &[],
            Some(s) => match &s.exposure {
                Some(record) => record,
                None if s.resources.is_empty() => &[],
                None => {
                    return ExposureChanges {
                        unrecorded: true,
                        ..ExposureChanges::default()
                    };
                }
            },
        };
        let (mut opens, mut closes) = (Vec::new(), Vec::new());
        let (mut b, mut a) = (before.iter().peekable(), after.iter().peekable());
        loop {
            match (b.peek(), a.peek()) {
                (Some(x), Some(y)) if x == y => {
                    b.next();
                    a.next();
                }
                (Some(x), Some(y)) if x < y => closes.extend(b.next().cloned()),
                (Some(_), Some(_)) | (None, Some(_)) => opens.extend(a.next().cloned()),
                (Some(_), None) => closes.extend(b.next().cloned()),
                (None, None) => break,
            }
        }
        ExposureChanges {
            opens,
            closes,
            unrecorded: false,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.opens.is_empty() && self.closes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use skyplan_state::ExposedProtocol;

    fn tcp(address: &str, port: u16) -> Exposed {
        Exposed {
            address: address.into(),
            protocol: ExposedProtocol::Tcp,
            from_port: port,
            to_port: port,
        }
    }

    #[test]
    fn opens_and_closes_are_the_two_differences() {
        let mut state = State::new("l".into());
        state.exposure = Some(vec![tcp("instance.a", 22), tcp("instance.a", 443)]);
        let after = vec![tcp("instance.a", 443), tcp("instance.db", 5432)];
        let c = ExposureChanges::between(Some(&state), &after);
        assert_eq!(c.opens, vec![tcp("instance.db", 5432)]);
        assert_eq!(c.closes, vec![tcp("instance.a", 22)]);
        assert_eq!(c.opens[0].to_string(), "internet -> instance.db tcp/5432");
        // Nothing built: everything after opens.
        let c = ExposureChanges::between(None, &after);
        assert_eq!((c.opens.len(), c.closes.len()), (2, 0));
        // A state without a record cannot say.
        state.exposure = None;
        state.put(skyplan_state::ResourceState {
            address: skyplan_spec::Address::new(skyplan_spec::Kind::Vpc, "v", None),
            id: "vpc-1".into(),
            attributes: skyplan_state::Attributes::from_json(
                skyplan_spec::Kind::Vpc,
                r#"{"cidr": "10.0.0.0/16"}"#,
            )
            .unwrap(),
            dependencies: Vec::new(),
        });
        let c = ExposureChanges::between(Some(&state), &after);
        assert!(c.unrecorded && c.is_empty());
    }
}
