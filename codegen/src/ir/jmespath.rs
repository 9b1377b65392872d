//! The JMESPath that waiters' acceptors use, parsed: field paths, flatten (`a[].b`) and filter
//! (`a[?x == 'y'].b`) projections, `length()`, comparisons, `&&`, `||`, `!`, literals (`` `0` ``,
//! `'text'`). The emitter compiles an [`Expr`] into Rust over the typed output
//! (`emit/waiters.rs`); what is not here is a problem naming the waiter.

/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// `@`, the current value.
    Current,
    /// `name`: a member of the current value.
    Field(String),
    /// `a.b`: `b` of `a`.
    Sub(Box<Expr>, Box<Expr>),
    /// `a[].rest` (no filter) or `a[?filter].rest`: `rest` of each element of the list `a`
    /// (flattened one level), those for which `filter` holds.
    Project {
        list: Box<Expr>,
        filter: Option<Box<Expr>>,
        rest: Box<Expr>,
    },
    /// A literal: `` `0` ``, `` `true` ``, `'text'`.
    Literal(serde_json::Value),
    /// `length(a)`.
    Length(Box<Expr>),
    /// `a == b`, `a > b`, ...
    Compare(Comparator, Box<Expr>, Box<Expr>),
    /// `a && b`.
    And(Box<Expr>, Box<Expr>),
    /// `a || b`.
    Or(Box<Expr>, Box<Expr>),
    /// `!a`.
    Not(Box<Expr>),
}

/// A comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// Parses `text`, or says what it cannot read.
pub fn parse(text: &str) -> Result<Expr, String> {
    let tokens = lex(text)?;
    let mut parser = Parser { tokens, at: 0 };
    let expr = parser.or()?;
    match parser.peek() {
        None => Ok(expr),
        Some(t) => Err(format!("unexpected {t:?} in `{text}`")),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Literal(serde_json::Value),
    Dot,
    Flatten,
    FilterOpen,
    Close,
    LParen,
    RParen,
    At,
    Cmp(Comparator),
    And,
    Or,
    Not,
}

fn lex(text: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let (token, len) = match (c, next) {
            (c, _) if c.is_whitespace() => {
                i += 1;
                continue;
            }
            ('.', _) => (Token::Dot, 1),
            ('[', Some(']')) => (Token::Flatten, 2),
            ('[', Some('?')) => (Token::FilterOpen, 2),
            (']', _) => (Token::Close, 1),
            ('(', _) => (Token::LParen, 1),
            (')', _) => (Token::RParen, 1),
            ('@', _) => (Token::At, 1),
            ('=', Some('=')) => (Token::Cmp(Comparator::Eq), 2),
            ('!', Some('=')) => (Token::Cmp(Comparator::Ne), 2),
            ('<', Some('=')) => (Token::Cmp(Comparator::Le), 2),
            ('>', Some('=')) => (Token::Cmp(Comparator::Ge), 2),
            ('<', _) => (Token::Cmp(Comparator::Lt), 1),
            ('>', _) => (Token::Cmp(Comparator::Gt), 1),
            ('&', Some('&')) => (Token::And, 2),
            ('|', Some('|')) => (Token::Or, 2),
            ('!', _) => (Token::Not, 1),
            ('`', _) => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|&c| c == '`')
                    .ok_or("an unclosed `` ` `` literal")?;
                let json: String = chars[i + 1..i + 1 + end].iter().collect();
                let value = serde_json::from_str(json.trim()).map_err(|e| format!("the literal `{json}`: {e}"))?;
                (Token::Literal(value), end + 2)
            }
            ('\'', _) => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|&c| c == '\'')
                    .ok_or("an unclosed raw string")?;
                let raw: String = chars[i + 1..i + 1 + end].iter().collect();
                (Token::Literal(serde_json::Value::String(raw)), end + 2)
            }
            (c, _) if c.is_ascii_alphabetic() || c == '_' => {
                let len = chars[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
                    .count();
                (Token::Ident(chars[i..i + len].iter().collect()), len)
            }
            (c, _) => return Err(format!("`{c}` is not in the JMESPath the generator compiles")),
        };
        tokens.push(token);
        i += len;
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn expect(&mut self, want: &Token) -> Result<(), String> {
        match self.next() {
            Some(t) if &t == want => Ok(()),
            other => Err(format!("expected {want:?}, found {other:?}")),
        }
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut left = self.and()?;
        while self.peek() == Some(&Token::Or) {
            self.next();
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut left = self.not()?;
        while self.peek() == Some(&Token::And) {
            self.next();
            left = Expr::And(Box::new(left), Box::new(self.not()?));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, String> {
        if self.peek() == Some(&Token::Not) {
            self.next();
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        self.compare()
    }

    fn compare(&mut self) -> Result<Expr, String> {
        let left = self.path()?;
        if let Some(Token::Cmp(op)) = self.peek().cloned() {
            self.next();
            let right = self.path()?;
            return Ok(Expr::Compare(op, Box::new(left), Box::new(right)));
        }
        Ok(left)
    }

    /// A primary expression and what follows it: `.field`, `[]`, `[?filter]`.
    fn path(&mut self) -> Result<Expr, String> {
        let primary = self.primary()?;
        self.postfix(primary)
    }

    fn postfix(&mut self, mut expr: Expr) -> Result<Expr, String> {
        loop {
            match self.peek() {
                Some(Token::Dot) => {
                    self.next();
                    let Some(Token::Ident(name)) = self.next() else {
                        return Err("expected a name after `.`".into());
                    };
                    expr = Expr::Sub(Box::new(expr), Box::new(Expr::Field(name)));
                }
                Some(Token::Flatten | Token::FilterOpen) => {
                    let filter = if self.next() == Some(Token::FilterOpen) {
                        let filter = self.or()?;
                        self.expect(&Token::Close)?;
                        Some(Box::new(filter))
                    } else {
                        None
                    };
                    // What follows applies to each element.
                    let rest = self.postfix(Expr::Current)?;
                    return Ok(Expr::Project {
                        list: Box::new(expr),
                        filter,
                        rest: Box::new(rest),
                    });
                }
                _ => return Ok(expr),
            }
        }
    }

    fn primary(&mut self) -> Result<Expr, String> {
        match self.next() {
            Some(Token::Ident(name)) if name == "length" && self.peek() == Some(&Token::LParen) => {
                self.next();
                let arg = self.or()?;
                self.expect(&Token::RParen)?;
                Ok(Expr::Length(Box::new(arg)))
            }
            Some(Token::Ident(name)) => Ok(Expr::Field(name)),
            Some(Token::At) => Ok(Expr::Current),
            Some(Token::Literal(value)) => Ok(Expr::Literal(value)),
            Some(Token::LParen) => {
                let inner = self.or()?;
                self.expect(&Token::RParen)?;
                Ok(inner)
            }
            other => Err(format!("unexpected {other:?}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str) -> Box<Expr> {
        Box::new(Expr::Field(name.into()))
    }

    #[test]
    fn paths_and_projections() {
        assert_eq!(
            parse("cluster.status").unwrap(),
            Expr::Sub(field("cluster"), field("status"))
        );
        assert_eq!(
            parse("services[].status").unwrap(),
            Expr::Project {
                list: field("services"),
                filter: None,
                rest: Box::new(Expr::Sub(Box::new(Expr::Current), field("status")))
            }
        );
    }

    #[test]
    fn the_published_filters_parse() {
        let ecs =
            parse("length(services[?!(length(deployments) == `1` && runningCount == desiredCount)]) == `0`").unwrap();
        let Expr::Compare(Comparator::Eq, left, right) = ecs else {
            panic!("{ecs:?}")
        };
        assert_eq!(*right, Expr::Literal(serde_json::json!(0)));
        let Expr::Length(projection) = *left else { panic!() };
        let Expr::Project {
            filter: Some(filter), ..
        } = *projection
        else {
            panic!()
        };
        assert!(matches!(*filter, Expr::Not(_)));
        parse("length(KinesisDataStreamDestinations) > `0`  && length(KinesisDataStreamDestinations[?DestinationStatus == 'DISABLED' || DestinationStatus == 'ENABLE_FAILED']) ==  length(KinesisDataStreamDestinations)").unwrap();
    }

    #[test]
    fn what_it_does_not_read_is_an_error() {
        assert!(parse("a | b").is_err());
        assert!(parse("a[0]").is_err());
        assert!(parse("'open").is_err());
    }
}
