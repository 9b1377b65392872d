//! Serde mirrors of the Smithy 2.0 JSON AST; a shape's traits also carry their typed values
//! ([`Known`]).
//!
//! Every shape is parsed on its own, so that a model with several broken shapes reports all of
//! them (see [`super::load`]).

use super::known::Known;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// A shape's or member's traits: their JSON values keyed by absolute trait id, and the values
/// the generator reads, typed ([`Known`], which a `Traits` dereferences to). The typed values are
/// parsed once, when the traits are read, and again when `apply` or a mixin adds to them.
#[derive(Debug, Clone, Default)]
pub struct Traits {
    raw: BTreeMap<String, Value>,
    /// `None` where there are no traits, which [`NO_TRAITS`] stands for.
    known: Option<Box<Known>>,
}

/// What a shape or member without traits dereferences to.
static NO_TRAITS: std::sync::LazyLock<Known> = std::sync::LazyLock::new(Known::default);

impl Traits {
    /// The JSON values by trait id, for the model's own checks and merges.
    pub(super) fn raw(&self) -> &BTreeMap<String, Value> {
        &self.raw
    }

    /// Whether the trait `id` is there, for traits the IR names by id as data (the protocols,
    /// the auth schemes, the traits the generator does not implement).
    pub fn has(&self, id: &str) -> bool {
        self.raw.contains_key(id)
    }

    /// `smithy.api#documentation`.
    pub fn documentation(&self) -> Option<&str> {
        self.raw.get("smithy.api#documentation").and_then(Value::as_str)
    }

    /// `smithy.waiters#waitable`: waiter definitions by name, typed by the IR's waiters.
    pub fn waitable(&self) -> Option<&serde_json::Map<String, Value>> {
        self.raw.get("smithy.waiters#waitable").and_then(Value::as_object)
    }

    /// `smithy.test#httpRequestTests`, typed by `ir::protocol_tests`.
    pub fn request_tests(&self) -> Option<&Value> {
        self.raw.get("smithy.test#httpRequestTests")
    }

    /// `smithy.test#httpResponseTests`, typed by `ir::protocol_tests`.
    pub fn response_tests(&self) -> Option<&Value> {
        self.raw.get("smithy.test#httpResponseTests")
    }

    /// `smithy.rules#endpointRuleSet`, typed by `ir::endpoint_rules`.
    pub fn endpoint_rule_set(&self) -> Option<&Value> {
        self.raw.get("smithy.rules#endpointRuleSet")
    }

    /// `smithy.rules#endpointTests`, typed by `ir::endpoint_rules`.
    pub fn endpoint_tests(&self) -> Option<&Value> {
        self.raw.get("smithy.rules#endpointTests")
    }

    /// Adds `other`'s traits, replacing those of the same id.
    pub fn extend(&mut self, other: Traits) {
        self.raw.extend(other.raw);
        self.known = Self::parse(&self.raw);
    }

    /// Adds the traits of `inherited` that are not here already.
    pub(super) fn inherit(&mut self, inherited: BTreeMap<String, Value>) {
        for (id, value) in inherited {
            self.raw.entry(id).or_insert(value);
        }
        self.known = Self::parse(&self.raw);
    }

    fn parse(raw: &BTreeMap<String, Value>) -> Option<Box<Known>> {
        (!raw.is_empty()).then(|| Box::new(Known::parse(raw)))
    }
}

impl From<BTreeMap<String, Value>> for Traits {
    fn from(raw: BTreeMap<String, Value>) -> Self {
        let known = Self::parse(&raw);
        Traits { raw, known }
    }
}

impl<'de> Deserialize<'de> for Traits {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeMap::deserialize(deserializer).map(Traits::from)
    }
}

impl std::ops::Deref for Traits {
    type Target = Known;

    fn deref(&self) -> &Known {
        self.known.as_deref().unwrap_or(&NO_TRAITS)
    }
}

/// The top level of a JSON AST document, with shapes not yet parsed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawModel {
    /// The IDL version, `"2.0"` (or `"2"`, `"1.0"`).
    pub smithy: String,
    /// Model metadata; not used by the generator.
    #[serde(default)]
    pub metadata: BTreeMap<String, Value>,
    /// Shapes by absolute id, not yet parsed (raw text keeps the members' order).
    #[serde(default)]
    pub shapes: BTreeMap<String, Box<serde_json::value::RawValue>>,
}

/// A reference to another shape: `{"target": "ns#Name"}`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// The absolute id of the shape referred to.
    pub target: String,
}

/// A member of an aggregate shape.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The absolute id of the member's target.
    pub target: String,
    /// The member's own traits.
    #[serde(default)]
    pub traits: Traits,
}

/// Members in the order the model declares them.
pub type Members = Vec<(String, Member)>;

/// One shape of the model.
#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum Shape {
    /// `blob`
    Blob(Simple),
    /// `boolean`
    Boolean(Simple),
    /// `string`
    String(Simple),
    /// `byte`
    Byte(Simple),
    /// `short`
    Short(Simple),
    /// `integer`
    Integer(Simple),
    /// `long`
    Long(Simple),
    /// `float`
    Float(Simple),
    /// `double`
    Double(Simple),
    /// `bigInteger`
    BigInteger(Simple),
    /// `bigDecimal`
    BigDecimal(Simple),
    /// `timestamp`
    Timestamp(Simple),
    /// `document`
    Document(Simple),
    /// `enum`
    Enum(Aggregate),
    /// `intEnum`
    IntEnum(Aggregate),
    /// `list` (and the 1.0 `set`)
    #[serde(alias = "set")]
    List(List),
    /// `map`
    Map(Map),
    /// `structure`
    Structure(Aggregate),
    /// `union`
    Union(Aggregate),
    /// `service`
    Service(Service),
    /// `operation`
    Operation(Operation),
    /// `resource`
    Resource(Resource),
    /// `apply`: traits applied to a shape or member defined elsewhere.
    Apply(Apply),
}

/// A shape with no members.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Simple {
    /// The shape's traits.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins to flatten into this shape.
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

/// A structure, union, enum or intEnum.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aggregate {
    /// Members in declaration order.
    #[serde(default, deserialize_with = "ordered_members")]
    pub members: Members,
    /// The shape's traits.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins to flatten into this shape.
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

/// A list.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct List {
    /// The list's member.
    pub member: Member,
    /// The shape's traits.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins to flatten into this shape.
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

/// A map.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Map {
    /// The map's key.
    pub key: Member,
    /// The map's value.
    pub value: Member,
    /// The shape's traits.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins to flatten into this shape.
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

/// A service.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// The service's version.
    #[serde(default)]
    pub version: String,
    /// Operations bound directly to the service.
    #[serde(default)]
    pub operations: Vec<Reference>,
    /// Resources bound to the service.
    #[serde(default)]
    pub resources: Vec<Reference>,
    /// Errors every operation of the service can return.
    #[serde(default)]
    pub errors: Vec<Reference>,
    /// Shape names replaced in this service's closure: absolute id → new name.
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
    /// The shape's traits.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins to flatten into this shape.
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

/// An operation.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// The input structure; `smithy.api#Unit` when absent.
    pub input: Option<Reference>,
    /// The output structure; `smithy.api#Unit` when absent.
    pub output: Option<Reference>,
    /// The operation's own errors.
    #[serde(default)]
    pub errors: Vec<Reference>,
    /// The shape's traits.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins to flatten into this shape.
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

/// A resource and its lifecycle bindings.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Identifier names and their string shapes.
    #[serde(default)]
    pub identifiers: BTreeMap<String, Reference>,
    /// Property names and their shapes.
    #[serde(default)]
    pub properties: BTreeMap<String, Reference>,
    /// The `create` lifecycle operation.
    pub create: Option<Reference>,
    /// The `put` lifecycle operation.
    pub put: Option<Reference>,
    /// The `read` lifecycle operation.
    pub read: Option<Reference>,
    /// The `update` lifecycle operation.
    pub update: Option<Reference>,
    /// The `delete` lifecycle operation.
    pub delete: Option<Reference>,
    /// The `list` lifecycle operation.
    pub list: Option<Reference>,
    /// Instance operations.
    #[serde(default)]
    pub operations: Vec<Reference>,
    /// Collection operations.
    #[serde(default, rename = "collectionOperations")]
    pub collection_operations: Vec<Reference>,
    /// Child resources.
    #[serde(default)]
    pub resources: Vec<Reference>,
    /// The shape's traits.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins to flatten into this shape.
    #[serde(default)]
    pub mixins: Vec<Reference>,
}

impl Resource {
    /// Every operation bound to the resource, lifecycle ones first, in a fixed order.
    pub fn all_operations(&self) -> impl Iterator<Item = &Reference> {
        [
            &self.create,
            &self.put,
            &self.read,
            &self.update,
            &self.delete,
            &self.list,
        ]
        .into_iter()
        .flatten()
        .chain(&self.operations)
        .chain(&self.collection_operations)
    }
}

/// An `apply` statement.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Apply {
    /// The traits to apply.
    #[serde(default)]
    pub traits: Traits,
}

/// Evaluates `$body` with `$s` bound to the data of any shape kind but `apply` (every kind has
/// `traits` and `mixins`, each in its own type, so one or-pattern cannot bind them all).
macro_rules! for_each_kind {
    ($shape:expr, $s:ident => $body:expr) => {
        match $shape {
            Shape::Blob($s) | Shape::Boolean($s) | Shape::String($s) | Shape::Byte($s) | Shape::Short($s) => $body,
            Shape::Integer($s) | Shape::Long($s) | Shape::Float($s) | Shape::Double($s) => $body,
            Shape::BigInteger($s) | Shape::BigDecimal($s) | Shape::Timestamp($s) | Shape::Document($s) => $body,
            Shape::Enum($s) | Shape::IntEnum($s) | Shape::Structure($s) | Shape::Union($s) => $body,
            Shape::List($s) => $body,
            Shape::Map($s) => $body,
            Shape::Service($s) => $body,
            Shape::Operation($s) => $body,
            Shape::Resource($s) => $body,
            Shape::Apply(_) => unreachable!("`apply` is matched before"),
        }
    };
}

impl Shape {
    /// The shape's own traits (an `apply` statement's traits for `apply`).
    pub fn traits(&self) -> &Traits {
        match self {
            Shape::Apply(a) => &a.traits,
            shape => for_each_kind!(shape, s => &s.traits),
        }
    }

    /// Mutable access to the shape's own traits.
    pub fn traits_mut(&mut self) -> &mut Traits {
        match self {
            Shape::Apply(a) => &mut a.traits,
            shape => for_each_kind!(shape, s => &mut s.traits),
        }
    }

    /// The mixins the shape names.
    pub fn mixins(&self) -> &[Reference] {
        match self {
            Shape::Apply(_) => &[],
            shape => for_each_kind!(shape, s => &s.mixins),
        }
    }

    /// The shape's members by name, in declaration order (list `member`, map `key` and `value` too).
    pub fn members(&self) -> Vec<(&str, &Member)> {
        match self {
            Shape::Enum(a) | Shape::IntEnum(a) | Shape::Structure(a) | Shape::Union(a) => {
                a.members.iter().map(|(n, m)| (n.as_str(), m)).collect()
            }
            Shape::List(l) => vec![("member", &l.member)],
            Shape::Map(m) => vec![("key", &m.key), ("value", &m.value)],
            _ => Vec::new(),
        }
    }

    /// Mutable access to a member by name.
    pub fn member_mut(&mut self, name: &str) -> Option<&mut Member> {
        match self {
            Shape::Enum(a) | Shape::IntEnum(a) | Shape::Structure(a) | Shape::Union(a) => {
                a.members.iter_mut().find(|(n, _)| n == name).map(|(_, m)| m)
            }
            Shape::List(l) if name == "member" => Some(&mut l.member),
            Shape::Map(m) => match name {
                "key" => Some(&mut m.key),
                "value" => Some(&mut m.value),
                _ => None,
            },
            _ => None,
        }
    }

    /// The shape type's name as the JSON AST spells it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Shape::Blob(_) => "blob",
            Shape::Boolean(_) => "boolean",
            Shape::String(_) => "string",
            Shape::Byte(_) => "byte",
            Shape::Short(_) => "short",
            Shape::Integer(_) => "integer",
            Shape::Long(_) => "long",
            Shape::Float(_) => "float",
            Shape::Double(_) => "double",
            Shape::BigInteger(_) => "bigInteger",
            Shape::BigDecimal(_) => "bigDecimal",
            Shape::Timestamp(_) => "timestamp",
            Shape::Document(_) => "document",
            Shape::Enum(_) => "enum",
            Shape::IntEnum(_) => "intEnum",
            Shape::List(_) => "list",
            Shape::Map(_) => "map",
            Shape::Structure(_) => "structure",
            Shape::Union(_) => "union",
            Shape::Service(_) => "service",
            Shape::Operation(_) => "operation",
            Shape::Resource(_) => "resource",
            Shape::Apply(_) => "apply",
        }
    }
}

/// Deserializes a JSON object into its entries in document order.
fn ordered_members<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Members, D::Error> {
    struct OrderedVisitor;
    impl<'de> Visitor<'de> for OrderedVisitor {
        type Value = Members;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object of members")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
            let mut members: Members = Vec::new();
            while let Some((name, member)) = map.next_entry::<String, Member>()? {
                if members.iter().any(|(n, _)| *n == name) {
                    return Err(serde::de::Error::custom(format!("member `{name}` is declared twice")));
                }
                members.push((name, member));
            }
            Ok(members)
        }
    }
    deserializer.deserialize_map(OrderedVisitor)
}
