//! Stage 2: the intermediate representation that the emitters see.
//!
//! [`lower`] is the only code that reads the model. It walks the service closure, resolves every
//! target, validates, and decides every Rust name and doc string once. Every node keeps its shape
//! id, its wire name and its Rust name side by side.

mod auth;
pub mod docs;
pub mod endpoint_rules;
mod features;
pub mod jmespath;
mod lower;
pub mod names;
mod passes;
mod pattern;
pub mod protocol_tests;
mod recursion;
mod uri;
pub mod waiter_paths;

pub use crate::model::known::{Deprecated, TimestampFormat, XmlNamespace};
pub use features::{Feature, Features};
pub use lower::{lower, PROTOCOL_TRAITS};
pub use pattern::{Engine, Pattern};
pub use uri::{UriPattern, UriSegment};

use crate::model::ShapeId;
use serde_json::Value;

/// One service and everything it reaches.
#[derive(Debug)]
pub struct Service {
    /// The service shape.
    pub id: ShapeId,
    /// The package name of the generated crate (`datazone`).
    pub crate_name: String,
    /// The `aws.api#service` sdkId, or the shape name.
    pub sdk_id: String,
    /// The human title (`smithy.api#title`), or the sdkId.
    pub title: String,
    /// The service's API version.
    pub version: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The SigV4 signing name, from `aws.auth#sigv4`.
    pub signing_name: Option<String>,
    /// `smithy.rules#endpointRuleSet`, with its parameters and `smithy.rules#endpointTests`.
    pub endpoint_rules: Option<endpoint_rules::EndpointRules>,
    /// Operations, sorted by name.
    pub operations: Vec<Operation>,
    /// Structures that live in `crate::types`, sorted by name.
    pub structures: Vec<Structure>,
    /// Unions, sorted by name.
    pub unions: Vec<Union>,
    /// Enums and intEnums, sorted by name.
    pub enums: Vec<Enum>,
    /// Error structures (`crate::types::error`), sorted by name.
    pub errors: Vec<Structure>,
    /// Shapes of the closure not generated, each with the reason (event streams, ...).
    pub skipped: Vec<(ShapeId, String)>,
    /// Protocol test cases generated as `#[ignore]`d, by id, each with the reason.
    pub ignored_tests: std::collections::BTreeMap<String, String>,
    /// The wire protocol.
    pub protocol: Protocol,
    /// `aws.protocols#awsQueryCompatible`: error responses may name the error by its awsQuery
    /// code in `x-amzn-query-error`.
    pub query_compatible: bool,
    /// `aws.protocols#restXml(noErrorWrapping: true)`: errors are `<Error>` alone, not in an
    /// `<ErrorResponse>`.
    pub no_error_wrapping: bool,
    /// `smithy.api#xmlNamespace` of the service: the namespace of XML documents it writes.
    pub xml_namespace: Option<XmlNamespace>,
    /// The optional parts of the runtime the crate needs, decided after lowering.
    pub features: Features,
}

impl Service {
    /// The structures of `crate::types` and the errors, by id.
    pub fn structures_by_id(&self) -> std::collections::BTreeMap<&ShapeId, &Structure> {
        let all = self.structures.iter().chain(&self.errors);
        all.map(|s| (&s.id, s)).collect()
    }

    /// Whether any operation or error carries protocol test cases.
    pub fn has_protocol_tests(&self) -> bool {
        self.operations
            .iter()
            .any(|op| !op.request_tests.is_empty() || !op.response_tests.is_empty())
            || self
                .errors
                .iter()
                .any(|e| e.error().is_some_and(|e| !e.response_tests.is_empty()))
    }
}

/// An operation.
#[derive(Debug)]
pub struct Operation {
    /// The operation shape.
    pub id: ShapeId,
    /// The type-style name (`GetDataSourceRun`).
    pub name: String,
    /// The module name (`get_data_source_run`).
    pub module: String,
    /// The `Client` method's name: the module name, unless that is one of `Client`'s own.
    pub method: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// The `smithy.api#http` binding.
    pub http: Http,
    /// The input structure, named `<Op>Input`.
    pub input: Structure,
    /// The output structure, named `<Op>Output`.
    pub output: Structure,
    /// The operation's error enum name (`<Op>Error`).
    pub error_enum: String,
    /// The name of the request type that sends it (`<Op>Request`).
    pub request: String,
    /// Errors the operation can return (its own and the service's), sorted by name.
    pub errors: Vec<ErrorRef>,
    /// `smithy.api#readonly`.
    pub readonly: bool,
    /// `smithy.api#idempotent`.
    pub idempotent: bool,
    /// Pagination, with service defaults applied.
    pub paginated: Option<Paginated>,
    /// `smithy.api#deprecated`.
    pub deprecated: Option<Deprecated>,
    /// `smithy.api#endpoint` hostPrefix, with `{label}`s naming `hostLabel` input members.
    pub host_prefix: Option<String>,
    /// `smithy.api#httpChecksumRequired`: the request carries a `Content-MD5` header.
    pub checksum_required: bool,
    /// `smithy.api#requestCompression` with `gzip` among its encodings.
    pub gzip: bool,
    /// The auth schemes the operation accepts, in order of preference.
    pub auth: Vec<AuthScheme>,
    /// `aws.auth#unsignedPayload`: SigV4 signs `UNSIGNED-PAYLOAD` instead of the body's hash.
    pub unsigned_payload: bool,
    /// Endpoint rule parameters this operation sets (`smithy.rules#contextParam` on input
    /// members, `smithy.rules#staticContextParams`): its endpoint is resolved per call.
    pub endpoint_params: Vec<EndpointParam>,
    /// `smithy.test#httpRequestTests` cases for clients.
    pub request_tests: Vec<protocol_tests::RequestCase>,
    /// `smithy.test#httpResponseTests` cases for clients.
    pub response_tests: Vec<protocol_tests::ResponseCase>,
    /// `smithy.waiters#waitable`, by waiter name.
    pub waiters: Vec<Waiter>,
    /// The output's event stream, if its payload is one (the member's type is
    /// [`Type::EventStream`]).
    pub events: Option<EventStream>,
    /// The union of the input's event stream, if its payload is one (the member's type is
    /// [`Type::EventSender`]).
    pub input_events: Option<ShapeId>,
    /// The input's streaming blob has `smithy.api#requiresLength`: a body of unknown length is
    /// refused before it is sent.
    pub requires_length: bool,
}

impl Operation {
    /// Whether a 2xx response's body is handed over as it arrives: the output's payload is a
    /// streaming blob or an event stream.
    pub fn streams_output(&self) -> bool {
        self.output.streams()
    }
}

/// An output event stream: messages of the union's events, or of modeled exceptions.
#[derive(Debug, Clone)]
pub struct EventStream {
    /// The union of the events, its error members left out (they are `exceptions`).
    pub union: ShapeId,
    /// The exceptions the stream may carry: the union member's name (`:exception-type`) and
    /// the error, which is also one of the operation's `errors`.
    pub exceptions: Vec<(String, ShapeId)>,
    /// The stream begins with an `initial-response` message (the awsJson protocols'), which
    /// carries no event.
    pub initial_response: bool,
}

/// A waiter of an operation (`smithy.waiters#waitable`): it calls the operation until an
/// acceptor says it is done.
#[derive(Debug, Clone)]
pub struct Waiter {
    /// Its name in the model (`ClusterActive`).
    pub name: String,
    /// The client method (`wait_until_cluster_active`).
    pub method: String,
    /// The documentation lines.
    pub docs: Vec<String>,
    /// `minDelay` and `maxDelay`, in seconds.
    pub min_delay: u64,
    pub max_delay: u64,
    /// The acceptors, in order: the first that matches decides.
    pub acceptors: Vec<Acceptor>,
    /// `deprecated`.
    pub deprecated: bool,
}

/// One acceptor: a state, when its matcher matches.
#[derive(Debug, Clone)]
pub struct Acceptor {
    pub state: AcceptorState,
    pub matcher: Matcher,
}

/// What an acceptor's match means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptorState {
    Success,
    Failure,
    Retry,
}

/// What an acceptor matches.
#[derive(Debug, Clone)]
pub enum Matcher {
    /// `output` (a path over the output) or, with `input_output`, `inputOutput` (a path over
    /// `{"input": .., "output": ..}`), compared with `expected`.
    Output {
        path: jmespath::Expr,
        expected: String,
        comparator: PathComparator,
        input_output: bool,
    },
    /// `success`: whether the call succeeded (`true`) or failed (`false`).
    Success(bool),
    /// `errorType`: the call failed with the error of this code (the shape's name).
    ErrorType(String),
}

/// How a matcher compares its path's value with the expected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathComparator {
    StringEquals,
    BooleanEquals,
    AllStringEquals,
    AnyStringEquals,
}

/// An auth scheme an operation accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthScheme {
    /// `aws.auth#sigv4`.
    SigV4,
    /// `smithy.api#httpBearerAuth`.
    Bearer,
    /// No auth: `smithy.api#optionalAuth`, or an empty `smithy.api#auth` list.
    Anonymous,
    /// A scheme the generator does not implement, by trait id.
    Unsupported(String),
}

/// An endpoint rule parameter an operation sets.
#[derive(Debug, Clone)]
pub struct EndpointParam {
    /// The parameter's name in the rules (`KvsARN`).
    pub name: String,
    /// Where its value comes from.
    pub value: EndpointParamValue,
}

/// Where an operation's endpoint parameter comes from.
#[derive(Debug, Clone)]
pub enum EndpointParamValue {
    /// An input member: its field name, whether it is an `Option`, and its kind (a string or
    /// a boolean).
    Member {
        field: String,
        optional: bool,
        kind: endpoint_rules::ParamKind,
    },
    /// A value fixed by the model.
    Static(Value),
}

impl EndpointParamValue {
    /// The kind of rule parameter the value fits: `None` for a static value no parameter takes.
    pub fn kind(&self) -> Option<endpoint_rules::ParamKind> {
        use endpoint_rules::ParamKind;
        match self {
            EndpointParamValue::Member { kind, .. } => Some(*kind),
            EndpointParamValue::Static(Value::Bool(_)) => Some(ParamKind::Bool),
            EndpointParamValue::Static(Value::String(_)) => Some(ParamKind::String),
            EndpointParamValue::Static(Value::Array(items)) if items.iter().all(Value::is_string) => {
                Some(ParamKind::StringArray)
            }
            EndpointParamValue::Static(_) => None,
        }
    }
}

/// The HTTP binding of an operation.
#[derive(Debug)]
pub struct Http {
    /// The method, upper case.
    pub method: String,
    /// The URI pattern.
    pub uri: UriPattern,
    /// The success status code.
    pub code: u16,
}

/// Pagination members of an operation (wire names resolved to members).
#[derive(Debug)]
pub struct Paginated {
    /// The input member that carries the token.
    pub input_token: String,
    /// The output member (path) that carries the next token.
    pub output_token: String,
    /// The input member that sets the page size.
    pub page_size: Option<String>,
    /// The output member (path) that holds the items.
    pub items: Option<String>,
}

/// An error an operation can return.
#[derive(Debug, Clone)]
pub struct ErrorRef {
    /// The error structure.
    pub id: ShapeId,
    /// Its type name in `crate::types::error`.
    pub name: String,
    /// The variant name in error enums (usually the same as `name`).
    pub variant: String,
    /// The snake-case name for `is_*` methods.
    pub snake: String,
    /// The error's `aws.protocols#awsQueryError` code: awsQuery names the error by it, and so does
    /// the `x-amzn-query-error` header of an `awsQueryCompatible` service.
    pub query_code: Option<String>,
    /// What the error means: the first paragraph of its documentation, for the variant's docs.
    pub summary: String,
}

/// A structure: an operation's input or output, an error, or a shape in `crate::types`, as its
/// [`StructureRole`] says.
#[derive(Debug)]
pub struct Structure {
    /// The structure shape.
    pub id: ShapeId,
    /// The Rust type name.
    pub name: String,
    /// The module and file name.
    pub module: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Members in model order.
    pub members: Vec<Member>,
    /// What the structure is for, with what only that role has.
    pub role: StructureRole,
    /// Whether `validate()` is generated (the structure is reachable from an input).
    pub validated: bool,
    /// `smithy.api#deprecated`.
    pub deprecated: Option<Deprecated>,
    /// `smithy.api#sensitive` on the structure: its `Debug` shows nothing of it.
    pub sensitive: bool,
    /// The name of its element as an XML document: `smithy.api#xmlName`, or the shape's name.
    pub xml_name: String,
    /// `smithy.api#xmlNamespace` of the structure.
    pub xml_namespace: Option<XmlNamespace>,
}

impl Structure {
    /// What makes it an error, if it is one.
    pub fn error(&self) -> Option<&ErrorInfo> {
        match &self.role {
            StructureRole::Error(info) => Some(info),
            _ => None,
        }
    }

    /// Whether it is read from a response (an operation's output or an error), and so keeps the
    /// request id of that response.
    pub fn is_response(&self) -> bool {
        matches!(self.role, StructureRole::Output | StructureRole::Error(_))
    }
}

/// What a structure is for.
#[derive(Debug)]
pub enum StructureRole {
    /// An operation's input: its members may be bound to the request's URI, query and headers.
    Input,
    /// An operation's output: its members may be bound to the response's status and headers.
    Output,
    /// An error of one or more operations.
    Error(Box<ErrorInfo>),
    /// A shape of `crate::types`, reached from a member.
    Nested,
}

/// What makes a structure an error.
#[derive(Debug)]
pub struct ErrorInfo {
    /// The name that identifies the error on the wire (the shape's name).
    pub code: String,
    /// `client` or `server`.
    pub server_fault: bool,
    /// `smithy.api#httpError`, or 400/500 by fault.
    pub http_status: u16,
    /// `smithy.api#retryable`, or a server fault.
    pub retryable: bool,
    /// `smithy.api#retryable(throttling: true)`.
    pub throttling: bool,
    /// The index of the member that holds the message, if any.
    pub message_member: Option<usize>,
    /// `smithy.test#httpResponseTests` cases for clients.
    pub response_tests: Vec<protocol_tests::ResponseCase>,
}

/// A member of a structure or union.
#[derive(Debug)]
pub struct Member {
    /// The member's id (`ns#Shape$member`).
    pub id: ShapeId,
    /// The name on the wire (the member name).
    pub wire_name: String,
    /// The field name, escaped (`r#type`).
    pub field: String,
    /// The setter method name.
    pub setter: String,
    /// The variant name, for union members.
    pub variant: String,
    /// The member's type (`None` for a union member targeting `smithy.api#Unit`).
    pub ty: Option<Type>,
    /// Whether the field is an `Option`.
    pub optional: bool,
    /// Whether the field is boxed to break a recursive cycle.
    pub boxed: bool,
    /// The default value, for members that have one and are not optional.
    pub default: Option<Value>,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Where the member goes in an HTTP message.
    pub binding: Binding,
    /// Constraints from the member and its target.
    pub constraints: Constraints,
    /// `smithy.api#idempotencyToken`.
    pub idempotency_token: bool,
    /// `smithy.api#timestampFormat`, from the member or its target.
    pub timestamp_format: Option<TimestampFormat>,
    /// Its names in each body format.
    pub names: WireNames,
    /// `smithy.api#mediaType` of the member's target.
    pub media_type: Option<String>,
    /// `smithy.api#sensitive` on the member, its target, or an element of a list or map it holds.
    pub sensitive: bool,
    /// `smithy.api#deprecated`.
    pub deprecated: Option<Deprecated>,
}

/// How a member is named in each body format, read once from its traits: a format's codec reads
/// its own fields here, never a trait.
#[derive(Debug, Clone, PartialEq)]
pub struct WireNames {
    /// The JSON key: `smithy.api#jsonName` where the protocol honours it (restJson1), else the
    /// member name.
    pub json: String,
    /// The XML element or attribute name: `smithy.api#xmlName`, or the member name.
    pub xml: String,
    /// `smithy.api#xmlAttribute`: an attribute of the structure's element.
    pub xml_attribute: bool,
    /// `smithy.api#xmlFlattened`: a list's or map's entries stand in the structure's element,
    /// one element each, without a wrapper.
    pub xml_flattened: bool,
    /// `smithy.api#xmlNamespace` of the member.
    pub xml_namespace: Option<XmlNamespace>,
    /// The awsQuery key: `smithy.api#xmlName`, or the member name.
    pub query: String,
    /// The ec2Query key: `aws.protocols#ec2QueryName`, else the `smithy.api#xmlName` or the
    /// member name with its first letter upper-cased.
    pub ec2_query: String,
}

impl Structure {
    /// Whether a member is a stream read as it comes: a streaming blob or an output's event
    /// stream (such a structure is not `PartialEq`).
    pub fn streams(&self) -> bool {
        self.members.iter().any(Member::is_read_stream)
    }

    /// The members its constructor takes (and an input's client method), in order.
    pub fn constructor_args(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| m.is_constructor_arg())
    }
}

impl Member {
    /// Whether the member is a stream read as it arrives (see [`Structure::streams`]).
    pub fn is_read_stream(&self) -> bool {
        matches!(self.ty, Some(Type::Stream | Type::EventStream { .. }))
    }

    /// Whether the member is a required argument of its structure's constructor.
    pub fn is_constructor_arg(&self) -> bool {
        !self.optional && self.default.is_none()
    }
}

/// HTTP bindings of a member of an operation's input, output or error.
#[derive(Debug, Clone, PartialEq)]
pub enum Binding {
    /// The JSON body (or no binding at all, for nested shapes).
    Body,
    /// `httpLabel`: a URI label.
    Label,
    /// `httpQuery(name)`.
    Query(String),
    /// `httpQueryParams`.
    QueryParams,
    /// `httpHeader(name)`.
    Header(String),
    /// `httpPrefixHeaders(prefix)`.
    PrefixHeaders(String),
    /// `httpPayload`.
    Payload,
    /// `httpResponseCode`.
    ResponseCode,
}

/// The wire protocol of a service (its protocol trait).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#restJson1`.
    RestJson1,
    /// `aws.protocols#awsJson1_0`.
    AwsJson10,
    /// `aws.protocols#awsJson1_1`.
    AwsJson11,
    /// `aws.protocols#restXml`.
    RestXml,
    /// `aws.protocols#awsQuery`.
    AwsQuery,
    /// `aws.protocols#ec2Query`.
    Ec2Query,
}

impl Protocol {
    /// Every protocol the generator speaks, in the order it prefers them when a service has
    /// several: JSON before XML (smaller to decode, and the newer of a service's protocols),
    /// the HTTP-binding protocols before the RPC ones.
    pub const ALL: [Protocol; 6] = [
        Protocol::RestJson1,
        Protocol::AwsJson10,
        Protocol::AwsJson11,
        Protocol::RestXml,
        Protocol::AwsQuery,
        Protocol::Ec2Query,
    ];

    /// The protocol trait.
    pub fn trait_id(self) -> &'static str {
        match self {
            Self::RestJson1 => "aws.protocols#restJson1",
            Self::AwsJson10 => "aws.protocols#awsJson1_0",
            Self::AwsJson11 => "aws.protocols#awsJson1_1",
            Self::RestXml => "aws.protocols#restXml",
            Self::AwsQuery => "aws.protocols#awsQuery",
            Self::Ec2Query => "aws.protocols#ec2Query",
        }
    }

    /// The protocol's name, as its specification spells it: `restJson1`, `awsJson1_0`.
    pub fn name(self) -> &'static str {
        self.trait_id().trim_start_matches("aws.protocols#")
    }

    /// Whether the HTTP binding traits (`smithy.api#http` on operations, `httpHeader`,
    /// `httpLabel`, ... on members) place things on the wire: the REST protocols' do; the RPC
    /// protocols (awsJson, awsQuery, ec2Query) ignore them, as their specifications say.
    pub fn http_bindings(self) -> bool {
        matches!(self, Self::RestJson1 | Self::RestXml)
    }

    /// Whether `smithy.api#jsonName` renames a member in JSON bodies (restJson1 only).
    pub fn json_name(self) -> bool {
        self == Self::RestJson1
    }

    /// Whether every member is optional to the client, whatever the model says (ec2Query: EC2's
    /// service treats them so).
    pub fn all_members_optional(self) -> bool {
        self == Self::Ec2Query
    }

    /// The protocol traits, for messages: "aws.protocols#restJson1, ...".
    pub fn list() -> String {
        Self::ALL.map(Self::trait_id).join(", ")
    }
}

/// Constraint traits that `validate()` checks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `smithy.api#length` min and max.
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// `smithy.api#pattern`, rewritten for the engine that checks it.
    pub pattern: Option<Pattern>,
    /// `smithy.api#range` min and max.
    pub range: Option<(Option<serde_json::Number>, Option<serde_json::Number>)>,
}

impl Constraints {
    /// Whether there is anything to check.
    pub fn is_empty(&self) -> bool {
        self.length.is_none() && self.pattern.is_none() && self.range.is_none()
    }
}

/// A resolved type.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    /// `blob`
    Blob,
    /// `boolean`
    Boolean,
    /// `string`
    String,
    /// `byte`
    Byte,
    /// `short`
    Short,
    /// `integer`
    Integer,
    /// `long`
    Long,
    /// `float`
    Float,
    /// `double`
    Double,
    /// `bigInteger`
    BigInteger,
    /// `bigDecimal`
    BigDecimal,
    /// `timestamp`
    Timestamp,
    /// `document`
    Document,
    /// A `smithy.api#streaming` blob, as a payload: an output's is read as it arrives, an
    /// input's sent as it is read (unless it is in memory).
    Stream,
    /// A `smithy.api#streaming` union, as an output's payload: its events, each read as it
    /// arrives; `error` is the operation's error enum, which its exceptions become.
    EventStream {
        /// The union of the events.
        union: Named,
        /// The error enum's name, in the operation's module.
        error: String,
    },
    /// A `smithy.api#streaming` union, as an input's payload: the events the caller sends,
    /// each written as it comes.
    EventSender(Named),
    /// A generated type: structure, union, enum, intEnum or error.
    Named(Named),
    /// A list.
    List {
        /// The element.
        member: Box<Element>,
        /// `smithy.api#sparse`.
        sparse: bool,
    },
    /// A map.
    Map {
        /// The key.
        key: Box<Element>,
        /// The value.
        value: Box<Element>,
        /// `smithy.api#sparse`.
        sparse: bool,
    },
}

/// A list element, map key or map value, with its target's constraints.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// Its type.
    pub ty: Type,
    /// Its constraints.
    pub constraints: Constraints,
    /// `smithy.api#timestampFormat` of the member or its target.
    pub timestamp_format: Option<TimestampFormat>,
    /// `smithy.api#sensitive` on the member or its target.
    pub sensitive: bool,
    /// Its XML element name: `smithy.api#xmlName`, or `member`, `key` or `value`; also the
    /// awsQuery key of a list's element or a map's key or value.
    pub xml_name: String,
    /// `smithy.api#xmlNamespace` of the member.
    pub xml_namespace: Option<XmlNamespace>,
}

/// A reference to a generated type.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    /// The shape.
    pub id: ShapeId,
    /// The Rust type name.
    pub name: String,
    /// What it is.
    pub kind: NamedKind,
    /// Whether `validate()` finds anything to check in it (structures and unions).
    pub checked: bool,
}

/// The kinds of generated types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    /// A structure in `crate::types`.
    Structure,
    /// A union in `crate::types`.
    Union,
    /// An enum in `crate::types`.
    Enum,
    /// An intEnum in `crate::types`.
    IntEnum,
    /// An error structure in `crate::types::error`.
    Error,
}

/// An enum or intEnum.
#[derive(Debug)]
pub struct Enum {
    /// The shape.
    pub id: ShapeId,
    /// The Rust type name.
    pub name: String,
    /// The module and file name.
    pub module: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Known values.
    pub variants: Vec<EnumVariant>,
    /// Whether this is an intEnum.
    pub int: bool,
}

/// A known value of an enum.
#[derive(Debug)]
pub struct EnumVariant {
    /// The member's id.
    pub id: ShapeId,
    /// The variant name.
    pub name: String,
    /// The value on the wire: a string, or an integer for intEnums.
    pub value: Value,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// `smithy.api#deprecated`.
    pub deprecated: Option<Deprecated>,
}

/// A union.
#[derive(Debug)]
pub struct Union {
    /// The shape.
    pub id: ShapeId,
    /// The Rust type name.
    pub name: String,
    /// The module and file name.
    pub module: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// One variant per member.
    pub members: Vec<Member>,
    /// Whether `validate()` is generated.
    pub validated: bool,
    /// `smithy.api#sensitive` on the union.
    pub sensitive: bool,
    /// The name of its element as an XML document: `smithy.api#xmlName`, or the shape's name.
    pub xml_name: String,
    /// `smithy.api#xmlNamespace` of the union.
    pub xml_namespace: Option<XmlNamespace>,
}

/// The name of the catch-all variant of enums and unions, and of unmodeled errors.
pub const UNKNOWN_VARIANT: &str = "Unknown";
/// The name of the variant for errors the model does not name.
pub const UNMODELED_VARIANT: &str = "Unmodeled";
/// The name of the error variant for responses that do not match the model.
pub const DECODE_VARIANT: &str = "Decode";
/// The name of the error variant for calls that got no response they could read.
pub const DISPATCH_VARIANT: &str = "Dispatch";
