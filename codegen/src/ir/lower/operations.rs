//! Lowering operations: HTTP bindings and labels, errors, pagination, endpoint parameters.

use super::*;

impl<'m> Lowerer<'m> {
    /// Every operation of the service, directly bound or through resources; filtered by options.
    pub(super) fn collect_operations(
        &mut self,
        service_id: &ShapeId,
        service: &ast::Service,
        options: &Options,
    ) -> Vec<ShapeId> {
        let mut found = BTreeSet::new();
        for id in self.references(service_id, &service.operations) {
            found.insert(id);
        }
        let mut resources: Vec<ShapeId> = self.references(service_id, &service.resources);
        let mut seen = BTreeSet::new();
        while let Some(resource_id) = resources.pop() {
            if !seen.insert(resource_id.clone()) {
                continue;
            }
            let Some(Shape::Resource(resource)) = self.model.get(&resource_id) else {
                self.problems
                    .push(Problem::new(&resource_id, "bound as a resource but is not a resource"));
                continue;
            };
            let ops: Vec<ast::Reference> = resource.all_operations().cloned().collect();
            for id in self.references(&resource_id, &ops) {
                found.insert(id);
            }
            let children = self.references(&resource_id, &resource.resources);
            resources.extend(children);
        }
        let mut operations = Vec::new();
        for id in found {
            match self.model.get(&id) {
                Some(Shape::Operation(_)) => operations.push(id),
                _ => self
                    .problems
                    .push(Problem::new(&id, "bound as an operation but is not an operation")),
            }
        }
        if let Some(wanted) = &options.operations {
            // By shape name (`GetDataSourceRun`) or by method (`get_data_source_run`).
            let named = |id: &ShapeId, name: &str| id.name() == name || names::snake(id.name()) == name;
            for name in wanted {
                if !operations.iter().any(|id| named(id, name)) {
                    let hint = crate::suggest::did_you_mean(name, operations.iter().map(ShapeId::name))
                        .map(|n| format!("; did you mean `{n}`?"))
                        .unwrap_or_default();
                    self.problems.push(Problem::new(
                        service_id,
                        format!("--operations: no operation named `{name}`{hint}"),
                    ));
                }
            }
            operations.retain(|id| wanted.iter().any(|w| named(id, w)));
        }
        operations
    }

    pub(super) fn lower_operation(
        &mut self,
        id: &ShapeId,
        service_errors: &[ShapeId],
        paginated_defaults: &PaginatedTrait,
        service_auth: &[String],
    ) -> Option<Operation> {
        let Some(Shape::Operation(op)) = self.model.get(id) else {
            return None;
        };
        if let Some(reason) = self.unsupported_stream(op) {
            self.skipped.push((id.clone(), reason));
            return None;
        }
        // Synthesized names are built on the plain camel-case name: `Self` gives `SelfInput`.
        let name = names::camel(&self.shape_name(id));
        let module = names::module_name(&self.shape_name(id));
        let http = self.http(id, &op.traits);
        let unit = ShapeId::parse("smithy.api#Unit").expect("valid id");
        let input_id = match &op.input {
            Some(r) => self.resolve(id, &r.target),
            None => Some(unit.clone()),
        };
        let output_id = match &op.output {
            Some(r) => self.resolve(id, &r.target),
            None => Some(unit.clone()),
        };
        let mut input =
            input_id.and_then(|i| self.lower_structure(&i, format!("{name}Input"), module.clone(), Role::Input));
        let (input_events, requires_length) = input.as_mut().map(|i| self.input_stream(i)).unwrap_or_default();
        let mut output =
            output_id.and_then(|o| self.lower_structure(&o, format!("{name}Output"), module.clone(), Role::Output));
        let error_enum = format!("{name}Error");
        let mut error_ids: Vec<ShapeId> = self.references(id, &op.errors);
        error_ids.extend(service_errors.iter().cloned());
        let events = output
            .as_mut()
            .and_then(|o| self.output_stream(o, &error_enum, &mut error_ids));
        error_ids.sort();
        error_ids.dedup();
        let mut errors = Vec::new();
        for error_id in error_ids {
            match self.model.get(&error_id) {
                Some(Shape::Structure(s)) if s.traits.error.is_some() => {
                    self.enqueue(&error_id);
                    errors.push(self.error_ref(&error_id));
                }
                _ => self.problems.push(Problem::new(
                    id,
                    format!("error {error_id} is not a structure with the `smithy.api#error` trait"),
                )),
            }
        }
        errors.sort_by(|a, b| a.name.cmp(&b.name));
        // Everything above is checked before giving up, so that every problem is reported.
        let (input, output) = (input?, output?);
        if let Some(http) = &http {
            self.check_labels(id, &http.uri, &input);
        }
        let paginated = self.paginated(id, &op.traits, paginated_defaults, &input, &output);
        let auth = auth::operation_schemes(id, &op.traits, service_auth, &mut self.warnings);
        let endpoint_params = self.endpoint_params(&op.traits, &input);
        Some(Operation {
            auth,
            unsigned_payload: op.traits.unsigned_payload,
            endpoint_params,
            docs: docs_of(&op.traits, id),
            error_enum,
            request: format!("{name}Request"),
            events,
            input_events,
            requires_length,
            readonly: op.traits.readonly,
            idempotent: op.traits.idempotent,
            deprecated: op.traits.deprecated.clone(),
            host_prefix: op.traits.host_prefix.clone(),
            checksum_required: op.traits.http_checksum_required,
            gzip: op
                .traits
                .request_compression
                .iter()
                .any(|e| e.eq_ignore_ascii_case("gzip")),
            waiters: self.waiters(id, &op.traits),
            request_tests: self.protocol_cases(id, op.traits.request_tests(), "smithy.test#httpRequestTests"),
            response_tests: self.protocol_cases(id, op.traits.response_tests(), "smithy.test#httpResponseTests"),
            id: id.clone(),
            name,
            method: module.clone(),
            module,
            http: http?,
            input,
            output,
            errors,
            paginated,
        })
    }

    /// The endpoint rule parameters an operation sets: `smithy.rules#staticContextParams`, then
    /// `smithy.rules#contextParam` on its input members.
    pub(super) fn endpoint_params(&mut self, traits: &Traits, input: &Structure) -> Vec<EndpointParam> {
        let mut params = Vec::new();
        for (name, value) in &traits.static_context_params {
            params.push(EndpointParam {
                name: name.clone(),
                value: EndpointParamValue::Static(value.clone()),
            });
        }
        if let Some(Shape::Structure(shape)) = self.model.get(&input.id) {
            for m in &input.members {
                let member = shape.members.iter().find(|(n, _)| *n == m.wire_name).map(|(_, s)| s);
                let name = member.and_then(|s| s.traits.context_param.as_deref());
                match (name, &m.ty) {
                    (Some(name), Some(ty @ (Type::String | Type::Boolean))) => {
                        let kind = match ty {
                            Type::Boolean => crate::ir::endpoint_rules::ParamKind::Bool,
                            _ => crate::ir::endpoint_rules::ParamKind::String,
                        };
                        let value = EndpointParamValue::Member { field: m.field.clone(), optional: m.optional, kind };
                        params.push(EndpointParam { name: name.to_owned(), value });
                    }
                    (Some(name), _) => self.warnings.push(Problem::new(
                        &m.id,
                        format!("`smithy.rules#contextParam` `{name}` on a member that is not a string or a boolean: ignored"),
                    )),
                    (None, _) => {}
                }
            }
        }
        // `smithy.rules#operationContextParams` is not implemented: `model::traits` warns of it.
        params
    }

    /// The target of a member of `structure`, by member name, if it has `smithy.api#streaming`.
    fn streaming_target(&self, structure: &ShapeId, member: &str) -> Option<(ShapeId, &'m Shape)> {
        let shape = self.model.get(structure)?;
        let (_, m) = shape.members().into_iter().find(|(name, _)| *name == member)?;
        let id = ShapeId::parse(&m.target).ok()?;
        let target = self.model.get(&id)?;
        target.traits().streaming.then_some((id, target))
    }

    /// Why an operation cannot be generated yet, if it streams in a way the generator does not
    /// support: an input event stream, or output events with members bound to headers.
    pub(super) fn unsupported_stream(&self, op: &ast::Operation) -> Option<String> {
        for (side, reference) in [("input", &op.input), ("output", &op.output)] {
            let Some(Ok(id)) = reference.as_ref().map(|r| ShapeId::parse(&r.target)) else {
                continue;
            };
            let Some(shape) = self.model.get(&id) else { continue };
            for (member, _) in shape.members() {
                let Some((_, Shape::Union(union))) = self.streaming_target(&id, member) else {
                    continue;
                };
                if side == "input" && !self.protocol.http_bindings() {
                    return Some(format!("its input member `{member}` is an event stream, which this generator does not send in the {} protocol yet", self.protocol.name()));
                }
                if side == "output" && !self.protocol.http_bindings() && shape.members().len() > 1 {
                    return Some(format!("its output has members besides the event stream `{member}`, which come in an `initial-response` message, which this generator does not read yet"));
                }
                for (event, m) in &union.members {
                    let target = ShapeId::parse(&m.target).ok().and_then(|t| self.model.get(&t));
                    let members = target.map(Shape::members).unwrap_or_default();
                    let header = members.iter().find(|(_, m)| m.traits.event_header);
                    let payload = members.iter().any(|(_, m)| m.traits.event_payload);
                    let in_json = members
                        .iter()
                        .any(|(_, m)| !m.traits.event_header && !m.traits.event_payload);
                    if let (Some((name, _)), false, true) = (header, payload, in_json) {
                        return Some(format!("the member `{name}` of its {side} event `{event}` is bound to a message header (`smithy.api#eventHeader`) beside members in a JSON payload, which this generator does not support yet"));
                    }
                }
            }
        }
        None
    }

    /// Makes the input's streaming payload a stream: a streaming blob [`Type::Stream`] (empty
    /// unless set), a streaming union a required [`Type::EventSender`], whose union it gives.
    /// Also whether the blob has `smithy.api#requiresLength`.
    fn input_stream(&mut self, input: &mut Structure) -> (Option<ShapeId>, bool) {
        let (mut union, mut requires_length) = (None, false);
        for m in &mut input.members {
            let Some((target_id, target)) = self.streaming_target(&input.id, &m.wire_name) else {
                continue;
            };
            m.binding = Binding::Payload;
            m.optional = false;
            match (target, m.ty.take()) {
                (Shape::Blob(blob), _) => {
                    requires_length = blob.traits.requires_length;
                    m.ty = Some(Type::Stream);
                    m.default = Some(serde_json::Value::String(String::new()));
                }
                (Shape::Union(_), Some(Type::Named(named))) => {
                    m.default = None;
                    m.ty = Some(Type::EventSender(named));
                    union = Some(target_id);
                }
                (_, ty) => m.ty = ty,
            }
        }
        (union, requires_length)
    }

    /// Makes the output's streaming payload a stream: a `smithy.api#streaming` blob is
    /// [`Type::Stream`], a streaming union [`Type::EventStream`], whose error members are added
    /// to `error_ids`. Either is the payload, required, whatever the protocol's bindings.
    fn output_stream(
        &mut self,
        output: &mut Structure,
        error_enum: &str,
        error_ids: &mut Vec<ShapeId>,
    ) -> Option<EventStream> {
        let mut events = None;
        for m in &mut output.members {
            let Some((target_id, target)) = self.streaming_target(&output.id, &m.wire_name) else {
                continue;
            };
            m.binding = Binding::Payload;
            m.optional = false;
            match (target, m.ty.take()) {
                (Shape::Blob(_), _) => {
                    m.ty = Some(Type::Stream);
                    m.default = Some(serde_json::Value::String(String::new()));
                }
                (Shape::Union(union), Some(Type::Named(named))) => {
                    m.default = None;
                    m.ty = Some(Type::EventStream {
                        union: named,
                        error: error_enum.to_owned(),
                    });
                    let mut exceptions = Vec::new();
                    for (name, member) in &union.members {
                        let Ok(id) = ShapeId::parse(&member.target) else {
                            continue;
                        };
                        if self.model.get(&id).is_some_and(|t| t.traits().error.is_some()) {
                            error_ids.push(id.clone());
                            exceptions.push((name.clone(), id));
                        }
                    }
                    events = Some(EventStream {
                        union: target_id,
                        exceptions,
                        initial_response: !self.protocol.http_bindings(),
                    });
                }
                (_, ty) => m.ty = ty,
            }
        }
        events
    }

    /// The waiters of `smithy.waiters#waitable`, each acceptor's path parsed; what cannot be
    /// compiled is a problem naming the waiter.
    fn waiters(&mut self, id: &ShapeId, traits: &Traits) -> Vec<Waiter> {
        let Some(waitable) = traits.waitable() else {
            return Vec::new();
        };
        let mut waiters = Vec::new();
        for (name, spec) in waitable {
            let fail =
                |this: &mut Self, why: String| this.problems.push(Problem::new(id, format!("waiter `{name}`: {why}")));
            let delay = |key: &str, default: u64| spec.get(key).and_then(|v| v.as_u64()).unwrap_or(default);
            let (min_delay, max_delay) = (delay("minDelay", 2), delay("maxDelay", 120));
            if min_delay == 0 || max_delay < min_delay {
                fail(
                    self,
                    format!("minDelay {min_delay} and maxDelay {max_delay}: need 1 <= minDelay <= maxDelay"),
                );
                continue;
            }
            let mut acceptors = Vec::new();
            for acceptor in spec.get("acceptors").and_then(|a| a.as_array()).into_iter().flatten() {
                match acceptor_of(acceptor) {
                    Ok(a) => acceptors.push(a),
                    Err(why) => fail(self, why),
                }
            }
            waiters.push(Waiter {
                method: format!("wait_until_{}", names::snake(name)),
                name: name.clone(),
                docs: spec
                    .get("documentation")
                    .and_then(|d| d.as_str())
                    .map(crate::ir::docs::to_lines)
                    .unwrap_or_default(),
                min_delay,
                max_delay,
                acceptors,
                deprecated: spec.get("deprecated").and_then(|d| d.as_bool()).unwrap_or(false),
            });
        }
        waiters
    }

    pub(super) fn error_ref(&self, id: &ShapeId) -> ErrorRef {
        let name = names::type_name(&self.shape_name(id));
        let variant = if [UNMODELED_VARIANT, DECODE_VARIANT, DISPATCH_VARIANT].contains(&name.as_str()) {
            format!("{name}Value")
        } else {
            name.clone()
        };
        let snake = names::snake(&self.shape_name(id));
        // `is_unmodeled()` is synthesized; the model's `Unmodeled` gets `is_unmodeled_value()`.
        let snake = if snake == "unmodeled" {
            format!("{snake}_value")
        } else {
            snake
        };
        let query_code = (self.model.get(id)).and_then(|shape| Some(shape.traits().query_error.as_ref()?.code.clone()));
        ErrorRef {
            id: id.clone(),
            snake,
            name,
            variant,
            query_code,
            // From the error's docs once it is lowered (`lower`).
            summary: String::new(),
        }
    }

    pub(super) fn http(&mut self, id: &ShapeId, traits: &Traits) -> Option<Http> {
        if !self.protocol.http_bindings() {
            // Every call of a protocol without HTTP bindings is a `POST /`.
            return Some(Http {
                method: "POST".to_owned(),
                uri: UriPattern::parse("/").expect("`/` is a URI pattern"),
                code: 200,
            });
        }
        let Some(http) = &traits.http else {
            self.problems.push(Problem::new(
                id,
                format!(
                    "operation has no `smithy.api#http` trait, which {} requires",
                    self.protocol.name()
                ),
            ));
            return None;
        };
        // A wrong value is reported by `model::traits`.
        let (method, uri) = (http.method.as_deref()?, http.uri.as_deref()?);
        let code = http.code.and_then(|c| u16::try_from(c).ok()).unwrap_or(200);
        match UriPattern::parse(uri) {
            Ok(uri) => Some(Http {
                method: method.to_ascii_uppercase(),
                uri,
                code,
            }),
            Err(e) => {
                self.problems.push(Problem::new(id, e));
                None
            }
        }
    }

    /// Every URI label has a required `httpLabel` member, and every `httpLabel` member a label.
    pub(super) fn check_labels(&mut self, op: &ShapeId, uri: &UriPattern, input: &Structure) {
        for label in uri.labels() {
            match input.members.iter().find(|m| m.wire_name == label) {
                Some(m) if m.binding == Binding::Label => {}
                Some(m) => self.problems.push(Problem::new(
                    &m.id,
                    format!(
                        "member is used as the URI label `{{{label}}}` of {op} but has no `smithy.api#httpLabel` trait"
                    ),
                )),
                None => self.problems.push(Problem::new(
                    op,
                    format!("URI label `{{{label}}}` of `{}` has no input member", uri.text),
                )),
            }
        }
        for m in input.members.iter().filter(|m| m.binding == Binding::Label) {
            if !uri.labels().any(|l| l == m.wire_name) {
                self.problems.push(Problem::new(
                    &m.id,
                    format!(
                        "`smithy.api#httpLabel` member has no label in the URI `{}` of {op}",
                        uri.text
                    ),
                ));
            }
            let marked = match self.model.get(&input.id) {
                Some(Shape::Structure(s)) => s
                    .members
                    .iter()
                    .any(|(n, member)| *n == m.wire_name && member.traits.required),
                _ => true,
            };
            if !marked {
                self.warnings.push(Problem::new(
                    &m.id,
                    "`smithy.api#httpLabel` member is not marked `smithy.api#required`: it is a required argument all the same",
                ));
            }
            let simple = matches!(&m.ty, Some(t) if !matches!(t, Type::List { .. } | Type::Map { .. } | Type::Document | Type::Blob)
                && !matches!(t, Type::Named(n) if matches!(n.kind, NamedKind::Structure | NamedKind::Union | NamedKind::Error)));
            if !simple {
                self.problems.push(Problem::new(
                    &m.id,
                    "`smithy.api#httpLabel` member must target a string, number, boolean, timestamp or enum",
                ));
            }
        }
    }

    pub(super) fn paginated(
        &mut self,
        id: &ShapeId,
        traits: &Traits,
        defaults: &PaginatedTrait,
        input: &Structure,
        output: &Structure,
    ) -> Option<Paginated> {
        let PaginatedTrait {
            input_token,
            output_token,
            page_size,
            items,
        } = traits.paginated.as_ref()?.or(defaults);
        let (Some(input_token), Some(output_token)) = (input_token, output_token) else {
            self.problems.push(Problem::new(
                id,
                "`smithy.api#paginated` needs an inputToken and an outputToken (here or on the service)",
            ));
            return None;
        };
        for name in [Some(&input_token), page_size.as_ref()].into_iter().flatten() {
            if !input.members.iter().any(|m| m.wire_name == *name) {
                self.problems.push(Problem::new(
                    id,
                    format!(
                        "`smithy.api#paginated` names input member `{name}`, which {} does not have",
                        input.id
                    ),
                ));
            }
        }
        for path in [Some(&output_token), items.as_ref()].into_iter().flatten() {
            let first = path.split('.').next().unwrap_or_default();
            if !output.members.iter().any(|m| m.wire_name == first) {
                self.problems.push(Problem::new(
                    id,
                    format!(
                        "`smithy.api#paginated` names output member `{path}`, which {} does not have",
                        output.id
                    ),
                ));
            }
        }
        if output_token.contains('.') || items.as_ref().is_some_and(|i| i.contains('.')) {
            self.warnings.push(Problem::new(
                id,
                "`smithy.api#paginated` names a nested output member; the client has no paginator for it",
            ));
        }
        Some(Paginated {
            input_token,
            output_token,
            page_size,
            items,
        })
    }
}

/// One acceptor of a waiter.
fn acceptor_of(acceptor: &serde_json::Value) -> Result<Acceptor, String> {
    let state = match acceptor.get("state").and_then(|s| s.as_str()) {
        Some("success") => AcceptorState::Success,
        Some("failure") => AcceptorState::Failure,
        Some("retry") => AcceptorState::Retry,
        other => {
            return Err(format!(
                "an acceptor's state is {other:?}, not success, failure or retry"
            ))
        }
    };
    let matcher = acceptor
        .get("matcher")
        .and_then(|m| m.as_object())
        .ok_or("an acceptor has no matcher")?;
    let matcher = match matcher.iter().next() {
        Some((kind, value)) if kind == "output" || kind == "inputOutput" => {
            let text = |key: &str| {
                value
                    .get(key)
                    .and_then(|v| v.as_str())
                    .ok_or(format!("the {kind} matcher has no `{key}`"))
            };
            let path = text("path")?;
            let comparator = match text("comparator")? {
                "stringEquals" => PathComparator::StringEquals,
                "booleanEquals" => PathComparator::BooleanEquals,
                "allStringEquals" => PathComparator::AllStringEquals,
                "anyStringEquals" => PathComparator::AnyStringEquals,
                other => return Err(format!("the comparator `{other}` is not a waiter comparator")),
            };
            Matcher::Output {
                path: crate::ir::jmespath::parse(path).map_err(|e| format!("the path `{path}`: {e}"))?,
                expected: text("expected")?.to_owned(),
                comparator,
                input_output: kind == "inputOutput",
            }
        }
        Some((kind, value)) if kind == "success" => {
            Matcher::Success(value.as_bool().ok_or("`success` is not a boolean")?)
        }
        Some((kind, value)) if kind == "errorType" => {
            // A shape name, or an id whose namespace the model spelled out: the name is the code.
            let name = value.as_str().ok_or("`errorType` is not a string")?;
            Matcher::ErrorType(name.rsplit('#').next().unwrap_or(name).to_owned())
        }
        Some((kind, _)) => return Err(format!("the `{kind}` matcher is not implemented")),
        None => return Err("an empty matcher".to_owned()),
    };
    Ok(Acceptor { state, matcher })
}
