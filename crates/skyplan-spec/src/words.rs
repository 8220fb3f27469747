//! The attributes that take one of a fixed set of words, as enums: decoded
//! once (the decoder reports any other word, with a suggestion), so no later
//! stage compares strings and a new word is a compile error wherever it
//! matters.

pub use skyplan_facts::ebs::VolumeType;

/// A fixed set of words, in order.
///
/// Serialised as its word: `#[serde(with = "skyplan_spec::words::as_word")]`.
pub trait Word: Copy + Sized + 'static {
    const WORDS: &'static [&'static str];
    /// The first word's value: what a kind-table default that is not one
    /// of the words falls back to (`tests` in `schema` refuse such a table).
    const FIRST: Self;
    fn from_word(word: &str) -> Option<Self>;
    fn as_str(self) -> &'static str;
}

macro_rules! words {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant),+
        }

        impl Word for $name {
            const WORDS: &'static [&'static str] = &[$($word),+];
            const FIRST: Self = [$($name::$variant),+][0];

            fn from_word(word: &str) -> Option<Self> {
                [$($name::$variant),+].into_iter().find(|v| v.as_str() == word)
            }

            fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }
        }
    };
}

words! {
    /// Where a VPC's instances run.
    Tenancy { Default = "default", Dedicated = "dedicated" }
}

words! {
    /// Whether a NAT gateway reaches the internet (with an elastic IP) or only other networks.
    NatConnectivity { Public = "public", Private = "private" }
}

words! {
    /// How a VPC endpoint reaches its service: routes (gateway) or network
    /// interfaces in subnets (interface).
    EndpointType { Gateway = "gateway", Interface = "interface" }
}

words! {
    /// An Elastic Load Balancing v2 load balancer's type.
    LoadBalancerType { Application = "application", Network = "network" }
}

words! {
    /// An RDS DB instance's engine. Aurora's engines run in clusters, which
    /// are not `db_instances`.
    DbEngine {
        Postgres = "postgres",
        Mysql = "mysql",
        Mariadb = "mariadb",
        OracleEe = "oracle-ee",
        OracleSe2 = "oracle-se2",
        SqlserverEe = "sqlserver-ee",
        SqlserverSe = "sqlserver-se",
        SqlserverEx = "sqlserver-ex",
        SqlserverWeb = "sqlserver-web",
    }
}

impl DbEngine {
    /// The port RDS gives a database of this engine when none is asked for.
    pub fn default_port(self) -> u16 {
        match self {
            DbEngine::Postgres => 5432,
            DbEngine::Mysql | DbEngine::Mariadb => 3306,
            DbEngine::OracleEe | DbEngine::OracleSe2 => 1521,
            DbEngine::SqlserverEe
            | DbEngine::SqlserverSe
            | DbEngine::SqlserverEx
            | DbEngine::SqlserverWeb => 1433,
        }
    }

    /// The gp3 size, in GiB, from which RDS takes provisioned IOPS (below
    /// it, gp3 has its 3,000 baseline and nothing more).
    pub fn gp3_iops_from(self) -> u64 {
        match self {
            DbEngine::SqlserverEe
            | DbEngine::SqlserverSe
            | DbEngine::SqlserverEx
            | DbEngine::SqlserverWeb => 20,
            DbEngine::OracleEe | DbEngine::OracleSe2 => 200,
            DbEngine::Postgres | DbEngine::Mysql | DbEngine::Mariadb => 400,
        }
    }

    pub fn is_sql_server(self) -> bool {
        match self {
            DbEngine::SqlserverEe
            | DbEngine::SqlserverSe
            | DbEngine::SqlserverEx
            | DbEngine::SqlserverWeb => true,
            DbEngine::Postgres
            | DbEngine::Mysql
            | DbEngine::Mariadb
            | DbEngine::OracleEe
            | DbEngine::OracleSe2 => false,
        }
    }
}

words! {
    /// The state an instance should be in.
    InstanceState { Running = "running", Stopped = "stopped", Hibernated = "hibernated" }
}

impl Word for VolumeType {
    const WORDS: &'static [&'static str] = VolumeType::WORDS;
    const FIRST: Self = VolumeType::ALL[0];

    fn from_word(word: &str) -> Option<Self> {
        VolumeType::from_word(word)
    }

    fn as_str(self) -> &'static str {
        VolumeType::as_str(self)
    }
}

/// Serde for a [`Word`] field, as the word itself.
pub mod as_word {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Word;

    pub fn serialize<W: Word, S: Serializer>(w: &W, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(w.as_str())
    }

    pub fn deserialize<'de, W: Word, D: Deserializer<'de>>(d: D) -> Result<W, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        W::from_word(&text).ok_or_else(|| {
            serde::de::Error::custom(format_args!(
                "`{}` is not one of {}",
                text.chars().take(64).collect::<String>().escape_debug(),
                W::WORDS.join(", ")
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for w in InstanceState::WORDS {
            assert_eq!(InstanceState::from_word(w).map(Word::as_str), Some(*w));
        }
        assert_eq!(Tenancy::from_word("host"), None);
    }
}
