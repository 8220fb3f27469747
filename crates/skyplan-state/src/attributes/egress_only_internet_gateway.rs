use super::*;

kind_attributes! {
    struct EgressOnlyInternetGateway {
        #[serde(default)]
        config tags: Tags,
        config vpc: Address,
    }
}
