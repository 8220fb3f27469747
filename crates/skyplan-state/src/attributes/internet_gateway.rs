use super::*;

kind_attributes! {
    struct InternetGateway {
        #[serde(default)]
        config tags: Tags,
        config vpc: Address,
    }
}
