//! The values both writers write: scalars, lists, ordered maps, and
//! references to another resource of the stack, which each format spells
//! its own way (`!Ref VpcMain`, `aws_vpc.main.id`).

use skyplan_spec::Address;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Str(String),
    Int(i64),
    Bool(bool),
    List(Vec<Value>),
    /// Keys in the order written.
    Map(Vec<(String, Value)>),
    /// The id of another resource of the stack (CloudFormation's `Ref`,
    /// Terraform's `.id`).
    Id(Address),
    /// An attribute of another resource: its CloudFormation `GetAtt` name
    /// and its Terraform attribute.
    Attr {
        of: Address,
        cloudformation: &'static str,
        terraform: &'static str,
    },
    /// A resource of the template that is no stack resource (an instance's
    /// own launch template), by logical id: `!Ref`, or `!GetAtt` of an
    /// attribute (only in templates).
    Logical(String, Option<&'static str>),
    /// A CloudFormation intrinsic function, `!Name argument` (only in
    /// templates).
    Intrinsic(&'static str, Box<Value>),
    /// A Terraform expression written as is (only in configurations).
    Expression(String),
    /// The values of a counted resource's copies, by index (only in
    /// configurations: `[…][count.index]`).
    PerCopy(Vec<Value>),
}

impl Value {
    pub(crate) fn str(s: impl Into<String>) -> Value {
        Value::Str(s.into())
    }

    pub(crate) fn ids<'a>(addresses: impl IntoIterator<Item = &'a Address>) -> Value {
        Value::List(addresses.into_iter().cloned().map(Value::Id).collect())
    }

    pub(crate) fn strs<'a>(items: impl IntoIterator<Item = &'a String>) -> Value {
        Value::List(items.into_iter().map(|s| Value::str(s.as_str())).collect())
    }
}

/// An ordered map under construction.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Fields(pub(crate) Vec<(String, Value)>);

impl Fields {
    pub(crate) fn new() -> Fields {
        Fields::default()
    }

    pub(crate) fn set(&mut self, key: &str, value: Value) -> &mut Fields {
        self.0.push((key.to_string(), value));
        self
    }

    pub(crate) fn with(mut self, key: &str, value: Value) -> Fields {
        self.set(key, value);
        self
    }

    /// Sets `key` when there is a value.
    pub(crate) fn maybe(&mut self, key: &str, value: Option<Value>) -> &mut Fields {
        if let Some(v) = value {
            self.set(key, v);
        }
        self
    }

    pub(crate) fn into_value(self) -> Value {
        Value::Map(self.0)
    }
}

/// `protocol` and `ports` of a rule as AWS's `IpProtocol`, `FromPort`,
/// `ToPort` (ICMP: type and code; all protocols or no ports: none).
pub(crate) struct Traffic {
    pub(crate) protocol: String,
    pub(crate) ports: Option<(i64, i64)>,
}

impl Traffic {
    pub(crate) fn of(
        protocol: &str,
        ports: Option<&str>,
        icmp_type: Option<i64>,
        icmp_code: Option<i64>,
    ) -> Traffic {
        let number = match protocol {
            "all" => "-1",
            "tcp" => "tcp",
            "udp" => "udp",
            "icmp" => "icmp",
            "icmpv6" => "58",
            other => other,
        };
        let ports = match number {
            "tcp" | "udp" => Some(ports.map_or((0, 65535), parse_ports)),
            "icmp" | "58" => Some((icmp_type.unwrap_or(-1), icmp_code.unwrap_or(-1))),
            _ => None,
        };
        Traffic {
            protocol: number.to_string(),
            ports,
        }
    }
}

/// `443` or `1024-65535`, as the state writes them.
fn parse_ports(text: &str) -> (i64, i64) {
    let (from, to) = text.split_once('-').unwrap_or((text, text));
    let number = |s: &str| s.trim().parse().unwrap_or(0);
    (number(from), number(to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_in_aws_spelling() {
        let t = Traffic::of("tcp", Some("1024-65535"), None, None);
        assert_eq!((t.protocol.as_str(), t.ports), ("tcp", Some((1024, 65535))));
        let t = Traffic::of("all", None, None, None);
        assert_eq!((t.protocol.as_str(), t.ports), ("-1", None));
        let t = Traffic::of("icmpv6", None, Some(128), None);
        assert_eq!((t.protocol.as_str(), t.ports), ("58", Some((128, -1))));
        let t = Traffic::of("udp", None, None, None);
        assert_eq!(t.ports, Some((0, 65535)));
    }
}
