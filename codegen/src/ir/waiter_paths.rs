//! Waiter paths (the JMESPath of `smithy.waiters#waitable` acceptors) type-checked against the
//! operation's output and, for `inputOutput`, its input. [`matcher`] walks a path with the static
//! type of each step and asks a [`Render`] for the code of each: the emitter writes Rust for the
//! paths that type-check, and [`problems`] reports each one that does not, by waiter, before
//! anything is emitted.
//!
//! A path of members is one value (`Option<&T>` in Rust), a projection many (`Vec<&T>`),
//! `length()` and number literals numbers, comparisons and `&&`, `||`, `!` booleans; JMESPath's
//! `null` is `None`.

use super::jmespath::{Comparator, Expr};
use super::{Matcher, Member, NamedKind, Operation, PathComparator, Service, Structure, Type};
use crate::model::ShapeId;
use crate::problem::Problem;
use std::collections::BTreeMap;

/// The structures a path can go into (the service's structures and errors), by id: what
/// [`Service::structures_by_id`] gives.
pub type Structures<'a> = BTreeMap<&'a ShapeId, &'a Structure>;

/// The static type of a value.
#[derive(Clone, Copy)]
pub enum Ty<'a> {
    Struct(&'a Structure),
    /// `inputOutput`'s root: `input` and `output`.
    InputOutput(&'a Structure, &'a Structure),
    /// A list: its element type, and whether it is sparse.
    List(&'a Type, bool),
    /// A string or an enum.
    Str,
    Bool,
    /// Any number type.
    Number,
    /// What a path cannot go into (maps, documents, unions, ...).
    Other,
}

/// A typed value, with its code.
pub enum Val<'a, C> {
    /// One value of a member path (`Option<&T>`).
    One(C, Ty<'a>),
    /// The values of a projection (`Vec<&T>`).
    Many(C, Ty<'a>),
    /// A boolean.
    Bool(C),
    /// A number, or null.
    Num(C),
    /// A string literal.
    Str(C),
}

/// What both sides of a comparison are compared as.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    Number,
    Text,
    Boolean,
}

/// An acceptor's comparison of the path's value with its `expected`, checked.
#[derive(Clone, Copy)]
pub enum Test<'e> {
    /// `stringEquals`: one string.
    StringEquals(&'e str),
    /// `booleanEquals`: one boolean.
    BooleanEquals(bool),
    /// `allStringEquals`: a projection of strings, not empty.
    AllStringEquals(&'e str),
    /// `anyStringEquals`: a projection of strings.
    AnyStringEquals(&'e str),
}

/// The code of each step of a path that type-checks. Each method is called only with values of
/// the types its documentation names.
pub trait Render {
    /// What a step becomes.
    type Code: Clone;
    /// The root: the output, or `inputOutput`'s pair.
    fn root(&mut self, input_output: bool) -> Self::Code;
    /// The `input` or `output` of `inputOutput`'s pair.
    fn side(&mut self, input: bool) -> Self::Code;
    /// Member `m` of the structure `of` (of each structure, if `many`).
    fn member(&mut self, of: Self::Code, m: &Member, many: bool) -> Self::Code;
    /// The elements of the list `list` (of each list, if `many`), without the nulls of a `sparse`
    /// one.
    fn elements(&mut self, list: Self::Code, many: bool, sparse: bool) -> Self::Code;
    /// The element a filter looks at.
    fn element(&mut self) -> Self::Code;
    /// The `items` for which `keep` (a boolean of [`Render::element`]) holds.
    fn filter(&mut self, items: Self::Code, keep: Self::Code) -> Self::Code;
    /// A string literal.
    fn string(&mut self, s: &str) -> Self::Code;
    /// A number literal.
    fn number(&mut self, n: f64) -> Self::Code;
    /// A boolean literal.
    fn boolean(&mut self, b: bool) -> Self::Code;
    /// `length()` of one list or string, of a projection, or of a string literal.
    fn length(&mut self, of: Val<'_, Self::Code>) -> Self::Code;
    /// JMESPath's truthiness of any value: `false`, `null` and empty lists and strings are false.
    fn truthy(&mut self, value: Val<'_, Self::Code>) -> Self::Code;
    /// `a op b`, both sides of the kind `scalar`.
    fn compare(&mut self, op: Comparator, scalar: Scalar, a: Val<'_, Self::Code>, b: Val<'_, Self::Code>)
        -> Self::Code;
    /// `a && b` of two booleans.
    fn and(&mut self, a: Self::Code, b: Self::Code) -> Self::Code;
    /// `a || b` of two booleans.
    fn or(&mut self, a: Self::Code, b: Self::Code) -> Self::Code;
    /// `!a` of a boolean.
    fn not(&mut self, a: Self::Code) -> Self::Code;
    /// The acceptor's test of the path's value: `StringEquals` of one string, `BooleanEquals` of
    /// a boolean, `AllStringEquals` and `AnyStringEquals` of a projection of strings.
    fn test(&mut self, value: Val<'_, Self::Code>, test: Test<'_>) -> Self::Code;
}

/// The code of an `output` (or `inputOutput`) matcher of `op`: its path's value compared with
/// `expected`; or why the path does not fit the operation's types.
pub fn matcher<'a, R: Render>(
    op: &'a Operation,
    path: &Expr,
    comparator: PathComparator,
    expected: &str,
    input_output: bool,
    structures: &Structures<'a>,
    r: &mut R,
) -> Result<R::Code, String> {
    let root = r.root(input_output);
    let current = if input_output {
        Val::One(root, Ty::InputOutput(&op.input, &op.output))
    } else {
        Val::One(root, Ty::Struct(&op.output))
    };
    let value = check(path, &current, structures, r)?;
    let test = match (comparator, &value) {
        (PathComparator::StringEquals, Val::One(_, Ty::Str) | Val::Str(_)) => Test::StringEquals(expected),
        (PathComparator::BooleanEquals, Val::Bool(_) | Val::One(_, Ty::Bool)) => Test::BooleanEquals(
            expected
                .parse()
                .map_err(|_| format!("booleanEquals expects `{expected}`, not true or false"))?,
        ),
        (PathComparator::AllStringEquals, Val::Many(_, Ty::Str)) => Test::AllStringEquals(expected),
        (PathComparator::AnyStringEquals, Val::Many(_, Ty::Str)) => Test::AnyStringEquals(expected),
        (PathComparator::StringEquals, _) => return Err("`stringEquals` on a path that is not one string".into()),
        (PathComparator::BooleanEquals, _) => return Err("booleanEquals on a value that is not a boolean".into()),
        (PathComparator::AllStringEquals | PathComparator::AnyStringEquals, _) => {
            return Err("`allStringEquals` and `anyStringEquals` need a projection of strings (`list[].member`)".into())
        }
    };
    Ok(r.test(value, test))
}

/// The problems of the service's waiters: each path that does not fit its operation's types.
pub fn problems(service: &Service) -> Vec<Problem> {
    let structures = service.structures_by_id();
    let mut problems = Vec::new();
    for op in &service.operations {
        for waiter in &op.waiters {
            for acceptor in &waiter.acceptors {
                let Matcher::Output {
                    path,
                    expected,
                    comparator,
                    input_output,
                } = &acceptor.matcher
                else {
                    continue;
                };
                if let Err(why) = matcher(op, path, *comparator, expected, *input_output, &structures, &mut Check) {
                    problems.push(Problem::new(&op.id, format!("waiter `{}`: {why}", waiter.name)));
                    break;
                }
            }
        }
    }
    problems
}

/// The type of a member's target, as a path sees it.
fn ty_of<'a>(ty: &'a Type, structures: &Structures<'a>) -> Ty<'a> {
    match ty {
        Type::String => Ty::Str,
        Type::Boolean => Ty::Bool,
        Type::Byte | Type::Short | Type::Integer | Type::Long | Type::Float | Type::Double => Ty::Number,
        Type::List { member, sparse } => Ty::List(&member.ty, *sparse),
        Type::Named(n) => match n.kind {
            NamedKind::Enum => Ty::Str,
            NamedKind::Structure | NamedKind::Error => structures.get(&n.id).map_or(Ty::Other, |s| Ty::Struct(s)),
            _ => Ty::Other,
        },
        _ => Ty::Other,
    }
}

fn check<'a, R: Render>(
    expr: &Expr,
    current: &Val<'a, R::Code>,
    structures: &Structures<'a>,
    r: &mut R,
) -> Result<Val<'a, R::Code>, String> {
    Ok(match expr {
        Expr::Current => match current {
            Val::One(code, ty) => Val::One(code.clone(), *ty),
            Val::Many(code, ty) => Val::Many(code.clone(), *ty),
            _ => return Err("`@` of a value that is not a member".into()),
        },
        Expr::Field(name) => field(current, name, structures, r)?,
        Expr::Sub(left, right) => {
            let left = check(left, current, structures, r)?;
            check(right, &left, structures, r)?
        }
        Expr::Project { list, filter, rest } => {
            let (items, elem) = match check(list, current, structures, r)? {
                Val::One(code, Ty::List(elem, sparse)) => (r.elements(code, false, sparse), ty_of(elem, structures)),
                Val::Many(code, Ty::List(elem, sparse)) => (r.elements(code, true, sparse), ty_of(elem, structures)),
                _ => return Err("a projection (`[]`, `[?..]`) of a value that is not a list".into()),
            };
            let items = match filter {
                None => items,
                Some(filter) => {
                    let item = Val::One(r.element(), elem);
                    let keep = check(filter, &item, structures, r)?;
                    let keep = r.truthy(keep);
                    r.filter(items, keep)
                }
            };
            check(rest, &Val::Many(items, elem), structures, r)?
        }
        Expr::Literal(serde_json::Value::String(s)) => Val::Str(r.string(s)),
        Expr::Literal(serde_json::Value::Number(n)) => {
            let n = n.as_f64().ok_or("a number literal out of range")?;
            Val::Num(r.number(n))
        }
        Expr::Literal(serde_json::Value::Bool(b)) => Val::Bool(r.boolean(*b)),
        Expr::Literal(other) => return Err(format!("the literal `{other}` is not a string, number or boolean")),
        Expr::Length(arg) => match check(arg, current, structures, r)? {
            v @ (Val::One(_, Ty::List(..) | Ty::Str) | Val::Many(..) | Val::Str(_)) => Val::Num(r.length(v)),
            _ => return Err("`length()` of a value that is not a list or a string".into()),
        },
        Expr::Compare(op, left, right) => {
            let (left, right) = (
                check(left, current, structures, r)?,
                check(right, current, structures, r)?,
            );
            let number = |v: &Val<'_, R::Code>| matches!(v, Val::Num(_) | Val::One(_, Ty::Number));
            let text = |v: &Val<'_, R::Code>| matches!(v, Val::Str(_) | Val::One(_, Ty::Str));
            let boolean = |v: &Val<'_, R::Code>| matches!(v, Val::Bool(_) | Val::One(_, Ty::Bool));
            let scalar = if number(&left) && number(&right) {
                Scalar::Number
            } else if text(&left) && text(&right) {
                Scalar::Text
            } else if boolean(&left) && boolean(&right) {
                Scalar::Boolean
            } else {
                return Err("a comparison of values of different types".into());
            };
            Val::Bool(r.compare(*op, scalar, left, right))
        }
        Expr::And(a, b) | Expr::Or(a, b) => {
            let a = check(a, current, structures, r)?;
            let a = r.truthy(a);
            let b = check(b, current, structures, r)?;
            let b = r.truthy(b);
            Val::Bool(if matches!(expr, Expr::And(..)) {
                r.and(a, b)
            } else {
                r.or(a, b)
            })
        }
        Expr::Not(a) => {
            let a = check(a, current, structures, r)?;
            let a = r.truthy(a);
            Val::Bool(r.not(a))
        }
    })
}

/// Member `name` of the current value (of each, in a projection).
fn field<'a, R: Render>(
    current: &Val<'a, R::Code>,
    name: &str,
    structures: &Structures<'a>,
    r: &mut R,
) -> Result<Val<'a, R::Code>, String> {
    if let Val::One(_, Ty::InputOutput(input, output)) = current {
        return match name {
            "input" => Ok(Val::One(r.side(true), Ty::Struct(input))),
            "output" => Ok(Val::One(r.side(false), Ty::Struct(output))),
            _ => Err(format!(
                "`{name}` of `inputOutput`, which has only `input` and `output`"
            )),
        };
    }
    let (code, s, many) = match current {
        Val::One(code, Ty::Struct(s)) => (code, *s, false),
        Val::Many(code, Ty::Struct(s)) => (code, *s, true),
        _ => return Err(format!("`{name}` of a value that is not a structure")),
    };
    let m = (s.members.iter())
        .find(|m| m.wire_name == name)
        .ok_or_else(|| format!("`{}` has no member `{name}`", s.id))?;
    let ty = m.ty.as_ref().map_or(Ty::Other, |t| ty_of(t, structures));
    let code = r.member(code.clone(), m, many);
    Ok(if many { Val::Many(code, ty) } else { Val::One(code, ty) })
}

/// The renderer that writes nothing: for [`problems`], which only needs the types.
struct Check;

impl Render for Check {
    type Code = ();
    fn root(&mut self, _: bool) {}
    fn side(&mut self, _: bool) {}
    fn member(&mut self, _: (), _: &Member, _: bool) {}
    fn elements(&mut self, _: (), _: bool, _: bool) {}
    fn element(&mut self) {}
    fn filter(&mut self, _: (), _: ()) {}
    fn string(&mut self, _: &str) {}
    fn number(&mut self, _: f64) {}
    fn boolean(&mut self, _: bool) {}
    fn length(&mut self, _: Val<'_, ()>) {}
    fn truthy(&mut self, _: Val<'_, ()>) {}
    fn compare(&mut self, _: Comparator, _: Scalar, _: Val<'_, ()>, _: Val<'_, ()>) {}
    fn and(&mut self, _: (), _: ()) {}
    fn or(&mut self, _: (), _: ()) {}
    fn not(&mut self, _: ()) {}
    fn test(&mut self, _: Val<'_, ()>, _: Test<'_>) {}
}

#[cfg(test)]
mod tests {
    /// The problems of a model whose operation `Get` has waiter `W` with one acceptor `matcher`.
    fn problems(matcher: &str) -> Vec<String> {
        let model = r#"{"smithy": "2.0", "shapes": {
            "a#S": {"type": "service", "version": "1", "operations": [{"target": "a#Get"}],
                    "traits": {"aws.protocols#restJson1": {}}},
            "a#Get": {"type": "operation", "input": {"target": "a#In"}, "output": {"target": "a#Out"},
                      "traits": {"smithy.api#http": {"method": "GET", "uri": "/"},
                                 "smithy.waiters#waitable": {"W": {"acceptors": [
                                     {"state": "success", "matcher": MATCHER}]}}}},
            "a#In": {"type": "structure", "members": {"id": {"target": "smithy.api#String"}}},
            "a#Out": {"type": "structure", "members": {
                "name": {"target": "smithy.api#String"},
                "flag": {"target": "smithy.api#Boolean"},
                "count": {"target": "smithy.api#Integer"},
                "items": {"target": "a#Items"}}},
            "a#Items": {"type": "list", "member": {"target": "smithy.api#String"}}
        }}"#
        .replace("MATCHER", matcher);
        let (model, _) = crate::model::load(&model).unwrap();
        let (service, _) = crate::ir::lower(&model, &crate::options::Options::default()).unwrap();
        super::problems(&service).iter().map(ToString::to_string).collect()
    }

    fn output(path: &str, expected: &str, comparator: &str) -> String {
        format!(r#"{{"output": {{"path": "{path}", "expected": "{expected}", "comparator": "{comparator}"}}}}"#)
    }

    #[test]
    fn paths_that_fit_the_output_are_no_problem() {
        for matcher in [
            output("name", "x", "stringEquals"),
            output("flag", "true", "booleanEquals"),
            output("items[]", "x", "allStringEquals"),
            output("length(items) > `2` && count == `3`", "true", "booleanEquals"),
            output("length(items[?@ == 'x']) == `1`", "false", "booleanEquals"),
            r#"{"inputOutput": {"path": "input.id == output.name", "expected": "true", "comparator": "booleanEquals"}}"#
                .to_owned(),
        ] {
            assert_eq!(problems(&matcher), Vec::<String>::new(), "{matcher}");
        }
    }

    #[test]
    fn each_path_that_does_not_fit_is_a_problem_naming_the_waiter() {
        for (matcher, why) in [
            (output("flag", "yes", "booleanEquals"), "booleanEquals expects `yes`"),
            (
                output("count", "true", "booleanEquals"),
                "booleanEquals on a value that is not a boolean",
            ),
            (
                output("length(count) > `1`", "true", "booleanEquals"),
                "`length()` of a value",
            ),
            (
                output("name.first", "x", "stringEquals"),
                "`first` of a value that is not a structure",
            ),
            (
                output("items", "x", "stringEquals"),
                "`stringEquals` on a path that is not one string",
            ),
            (
                r#"{"inputOutput": {"path": "both.id", "expected": "x", "comparator": "stringEquals"}}"#.to_owned(),
                "`both` of `inputOutput`",
            ),
        ] {
            let found = problems(&matcher);
            assert!(
                found.len() == 1 && found[0].starts_with("a#Get: waiter `W`: ") && found[0].contains(why),
                "{matcher}: {found:?}"
            );
        }
    }
}
