//! `${...}` expressions: a variable (`var.NAME`), a number, a quoted
//! string, or a call of one of the CIDR functions network engineers know
//! from Terraform (`cidrsubnet`, `cidrhost`, `cidrsubnets`). Deliberately
//! no operators and no other functions: a spec stays data.
//!
//! Errors carry the byte range, within the scalar's text, of what is wrong,
//! so that they point at the argument and not at the whole value.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::ops::Range;

/// A value an expression has.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Str(String),
    Int(i64),
    Bool(bool),
    /// `cidrsubnets`: only as a whole scalar, where it becomes a list.
    List(Vec<String>),
}

impl Val {
    pub fn type_name(&self) -> &'static str {
        match self {
            Val::Str(_) => "a string",
            Val::Int(_) => "a number",
            Val::Bool(_) => "a boolean",
            Val::List(_) => "a list",
        }
    }
}

/// What is wrong with an expression, and where in its scalar.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprError {
    pub kind: ExprErrorKind,
    pub message: String,
    pub at: Range<usize>,
    pub help: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExprErrorKind {
    /// Not an expression of the language (syntax, unknown function, wrong
    /// arguments).
    Syntax,
    /// `var.NAME` names no declared variable.
    UnknownVariable,
    /// A CIDR function's arguments leave its range (prefix length, netnum,
    /// hostnum, no space left).
    OutOfRange,
}

fn error(kind: ExprErrorKind, message: impl Into<String>, at: Range<usize>) -> ExprError {
    ExprError {
        kind,
        message: message.into(),
        at,
        help: None,
    }
}

/// Looks variables up for [`evaluate`]: their value, or `None` when no
/// variable has the name (the caller adds a suggestion).
pub trait Scope {
    fn variable(&self, name: &str) -> Option<Val>;
    fn unknown(&self, name: &str, at: Range<usize>) -> ExprError;
}

/// One piece of a scalar's text: literal text, or an expression between
/// `${` and `}` (its range, and the range of its inside).
#[derive(Debug, PartialEq)]
pub enum Piece {
    Text(String),
    Expr { inner: Range<usize> },
}

/// Splits a scalar into text and `${...}` expressions; `$${` is a literal
/// `${`. `None` when the scalar has neither.
pub fn pieces(text: &str) -> Result<Option<Vec<Piece>>, ExprError> {
    if !text.contains("${") {
        return Ok(None);
    }
    let mut out = Vec::new();
    let mut literal = String::new();
    let mut found = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'$' && bytes.get(i + 1) == Some(&b'$') && bytes.get(i + 2) == Some(&b'{') {
            literal.push_str("${");
            found = true;
            i += 3;
        } else if bytes[i] == b'$' && bytes.get(i + 1) == Some(&b'{') {
            let end = closing(text, i + 2).ok_or_else(|| {
                error(
                    ExprErrorKind::Syntax,
                    "`${` is not closed by `}`",
                    i..text.len(),
                )
            })?;
            if !literal.is_empty() {
                out.push(Piece::Text(std::mem::take(&mut literal)));
            }
            out.push(Piece::Expr { inner: i + 2..end });
            found = true;
            i = end + 1;
        } else {
            let c = text[i..].chars().next().unwrap_or('\u{fffd}');
            literal.push(c);
            i += c.len_utf8().max(1);
        }
    }
    if !literal.is_empty() {
        out.push(Piece::Text(literal));
    }
    Ok(found.then_some(out))
}

/// The `}` that closes an expression starting at `from` (quoted strings
/// may hold a `}`).
fn closing(text: &str, from: usize) -> Option<usize> {
    let mut quoted = false;
    for (i, b) in text.bytes().enumerate().skip(from) {
        match b {
            b'"' => quoted = !quoted,
            b'}' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Ident(String),
    Int(i64),
    Str(String),
    Open,
    Close,
    Comma,
    Dot,
}

/// Tokens with their ranges in the scalar (`offset` is where `text` starts).
fn tokens(text: &str, offset: usize) -> Result<Vec<(Token, Range<usize>)>, ExprError> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let b = bytes[i];
        let token = match b {
            b' ' | b'\t' => {
                i += 1;
                continue;
            }
            b'(' => Token::Open,
            b')' => Token::Close,
            b',' => Token::Comma,
            b'.' => Token::Dot,
            b'"' => {
                let end = text[i + 1..].find('"').map(|e| i + 1 + e).ok_or_else(|| {
                    error(
                        ExprErrorKind::Syntax,
                        "a string is not closed by `\"`",
                        offset + i..offset + text.len(),
                    )
                })?;
                i = end;
                Token::Str(text[start + 1..end].to_string())
            }
            b'-' | b'0'..=b'9' => {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                let digits = &text[start..i];
                let n = digits.parse::<i64>().map_err(|_| {
                    error(
                        ExprErrorKind::Syntax,
                        format!("`{digits}` is not a whole number"),
                        offset + start..offset + i,
                    )
                })?;
                out.push((Token::Int(n), offset + start..offset + i));
                continue;
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'-')
                {
                    i += 1;
                }
                out.push((
                    Token::Ident(text[start..i].to_string()),
                    offset + start..offset + i,
                ));
                continue;
            }
            _ => {
                let c = text[i..].chars().next().unwrap_or('?');
                return Err(error(
                    ExprErrorKind::Syntax,
                    format!("`{c}` has no meaning in an expression"),
                    offset + i..offset + i + c.len_utf8(),
                ));
            }
        };
        i += 1;
        out.push((token, offset + start..offset + i));
    }
    Ok(out)
}

/// An expression, parsed.
#[derive(Debug)]
enum Expr {
    Var(String, Range<usize>),
    Int(i64, Range<usize>),
    Str(String, Range<usize>),
    Call(CidrFunction, Vec<Expr>, Range<usize>),
}

impl Expr {
    fn at(&self) -> Range<usize> {
        match self {
            Expr::Var(_, r) | Expr::Int(_, r) | Expr::Str(_, r) | Expr::Call(_, _, r) => r.clone(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CidrFunction {
    Subnet,
    Host,
    Subnets,
}

impl CidrFunction {
    const ALL: [(&'static str, CidrFunction); 3] = [
        ("cidrsubnet", CidrFunction::Subnet),
        ("cidrhost", CidrFunction::Host),
        ("cidrsubnets", CidrFunction::Subnets),
    ];

    fn usage(self) -> &'static str {
        match self {
            CidrFunction::Subnet => "cidrsubnet(prefix, newbits, netnum)",
            CidrFunction::Host => "cidrhost(prefix, hostnum)",
            CidrFunction::Subnets => "cidrsubnets(prefix, newbits, ...)",
        }
    }
}

struct Parser {
    tokens: Vec<(Token, Range<usize>)>,
    next: usize,
    /// The range of the whole expression, for "expected more".
    whole: Range<usize>,
    /// Calls open around the one being read.
    depth: usize,
}

/// Calls nested deeper than this are refused: a real expression nests two
/// or three (`cidrhost(cidrsubnet(var.base, 8, 1), 10)`), and parsing and
/// evaluating recurse.
const MAX_NESTING: usize = 16;

impl Parser {
    fn peek(&self) -> Option<&(Token, Range<usize>)> {
        self.tokens.get(self.next)
    }

    fn take(&mut self) -> Option<(Token, Range<usize>)> {
        let t = self.tokens.get(self.next).cloned();
        self.next += 1;
        t
    }

    fn expected(&self, what: &str) -> ExprError {
        let at = self
            .peek()
            .map_or(self.whole.end..self.whole.end, |(_, r)| r.clone());
        error(ExprErrorKind::Syntax, format!("expected {what}"), at)
    }

    fn expr(&mut self) -> Result<Expr, ExprError> {
        let Some((token, at)) = self.take() else {
            return Err(
                self.expected("a value: `var.NAME`, a number, a \"string\" or a function call")
            );
        };
        match token {
            Token::Int(n) => Ok(Expr::Int(n, at)),
            Token::Str(s) => Ok(Expr::Str(s, at)),
            Token::Ident(word) if word == "var" => {
                if !matches!(self.take(), Some((Token::Dot, _))) {
                    return Err(error(
                        ExprErrorKind::Syntax,
                        "a variable is written `var.NAME`",
                        at,
                    ));
                }
                match self.take() {
                    Some((Token::Ident(name), r)) => Ok(Expr::Var(name, at.start..r.end)),
                    _ => Err(error(
                        ExprErrorKind::Syntax,
                        "a variable is written `var.NAME`",
                        at,
                    )),
                }
            }
            Token::Ident(word) => {
                let Some(&(_, function)) = CidrFunction::ALL.iter().find(|(n, _)| *n == word)
                else {
                    let mut e = error(
                        ExprErrorKind::Syntax,
                        format!("`{word}` is no function or value of the spec language"),
                        at,
                    );
                    e.help = Some(
                        match crate::suggest::closest(
                            &word,
                            CidrFunction::ALL.iter().map(|(n, _)| *n),
                        ) {
                            Some(close) => format!("did you mean `{close}`?"),
                            None => "expressions are `var.NAME`, numbers, \"strings\" and \
                                     cidrsubnet, cidrhost and cidrsubnets"
                                .into(),
                        },
                    );
                    return Err(e);
                };
                if !matches!(self.take(), Some((Token::Open, _))) {
                    return Err(error(
                        ExprErrorKind::Syntax,
                        format!("`{word}` is a function: call it as {}", function.usage()),
                        at,
                    ));
                }
                if self.depth >= MAX_NESTING {
                    return Err(error(
                        ExprErrorKind::Syntax,
                        format!("calls nest more than {MAX_NESTING} deep"),
                        at,
                    ));
                }
                self.depth += 1;
                let mut args = Vec::new();
                loop {
                    if matches!(self.peek(), Some((Token::Close, _))) && args.is_empty() {
                        break;
                    }
                    args.push(self.expr()?);
                    match self.peek() {
                        Some((Token::Comma, _)) => {
                            self.next += 1;
                        }
                        Some((Token::Close, _)) => break,
                        _ => return Err(self.expected("`,` or `)`")),
                    }
                }
                let (_, close) = self.take().unwrap_or((Token::Close, at.clone()));
                self.depth -= 1;
                Ok(Expr::Call(function, args, at.start..close.end))
            }
            Token::Open | Token::Close | Token::Comma | Token::Dot => Err(error(
                ExprErrorKind::Syntax,
                "expected a value: `var.NAME`, a number, a \"string\" or a function call",
                at,
            )),
        }
    }
}

/// Evaluates the expression `text[inner]` of a scalar.
pub fn evaluate(text: &str, inner: Range<usize>, scope: &dyn Scope) -> Result<Val, ExprError> {
    let tokens = tokens(&text[inner.clone()], inner.start)?;
    let mut p = Parser {
        tokens,
        next: 0,
        whole: inner,
        depth: 0,
    };
    let expr = p.expr()?;
    if let Some((_, at)) = p.peek() {
        return Err(error(
            ExprErrorKind::Syntax,
            "unexpected text after the expression",
            at.start..p.whole.end,
        ));
    }
    eval(&expr, scope)
}

fn eval(expr: &Expr, scope: &dyn Scope) -> Result<Val, ExprError> {
    match expr {
        Expr::Int(n, _) => Ok(Val::Int(*n)),
        Expr::Str(s, _) => Ok(Val::Str(s.clone())),
        Expr::Var(name, at) => scope
            .variable(name)
            .ok_or_else(|| scope.unknown(name, at.clone())),
        Expr::Call(function, args, at) => call(*function, args, at.clone(), scope),
    }
}

fn call(
    function: CidrFunction,
    args: &[Expr],
    at: Range<usize>,
    scope: &dyn Scope,
) -> Result<Val, ExprError> {
    let arity_ok = match function {
        CidrFunction::Subnet => args.len() == 3,
        CidrFunction::Host => args.len() == 2,
        CidrFunction::Subnets => args.len() >= 2,
    };
    if !arity_ok {
        let mut e = error(
            ExprErrorKind::Syntax,
            format!("{} is given {} argument(s)", function.usage(), args.len()),
            at,
        );
        e.help = Some(format!("call it as {}", function.usage()));
        return Err(e);
    }
    let prefix = block(&args[0], scope)?;
    let numbers = args[1..]
        .iter()
        .map(|a| number(a, scope))
        .collect::<Result<Vec<i64>, _>>()?;
    match function {
        CidrFunction::Subnet => {
            subnet(prefix, numbers[0], &args[1], numbers[1], &args[2]).map(|b| Val::Str(b.text()))
        }
        CidrFunction::Host => host(prefix, numbers[0], &args[1]).map(Val::Str),
        CidrFunction::Subnets => subnets(prefix, &numbers, &args[1..]).map(Val::List),
    }
}

fn number(arg: &Expr, scope: &dyn Scope) -> Result<i64, ExprError> {
    match eval(arg, scope)? {
        Val::Int(n) => Ok(n),
        other => Err(error(
            ExprErrorKind::Syntax,
            format!("expected a number, found {}", other.type_name()),
            arg.at(),
        )),
    }
}

/// A network block: its first address as a number, its prefix length, and
/// whether it is IPv6.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Block {
    start: u128,
    len: u32,
    v6: bool,
}

impl Block {
    fn bits(self) -> u32 {
        if self.v6 { 128 } else { 32 }
    }

    /// The bits of an address within it.
    fn host_bits(self) -> u32 {
        self.bits() - self.len
    }

    fn address(self, n: u128) -> String {
        if self.v6 {
            Ipv6Addr::from(n).to_string()
        } else {
            Ipv4Addr::from(n as u32).to_string()
        }
    }

    fn text(self) -> String {
        format!("{}/{}", self.address(self.start), self.len)
    }
}

/// Parses a block; like Terraform, host bits are dropped (`10.0.0.5/16`
/// is `10.0.0.0/16`).
pub fn parse_block(text: &str) -> Option<(u128, u32, bool)> {
    let (addr, len) = text.split_once('/')?;
    let len: u32 = len.parse().ok()?;
    let (n, v6) = match addr.parse::<IpAddr>().ok()? {
        IpAddr::V4(a) => (u128::from(u32::from(a)), false),
        IpAddr::V6(a) => (u128::from(a), true),
    };
    let bits = if v6 { 128 } else { 32 };
    if len > bits {
        return None;
    }
    let mask = if len == 0 {
        0
    } else {
        (u128::MAX << (128 - len)) >> (128 - bits)
    };
    Some((n & mask, len, v6))
}

fn block(arg: &Expr, scope: &dyn Scope) -> Result<Block, ExprError> {
    let text = match eval(arg, scope)? {
        Val::Str(s) => s,
        other => {
            return Err(error(
                ExprErrorKind::Syntax,
                format!("expected a CIDR block, found {}", other.type_name()),
                arg.at(),
            ));
        }
    };
    let (start, len, v6) = parse_block(&text).ok_or_else(|| {
        error(
            ExprErrorKind::Syntax,
            format!("`{text}` is not a CIDR block"),
            arg.at(),
        )
    })?;
    Ok(Block { start, len, v6 })
}

fn out_of_range(message: String, at: Range<usize>, help: String) -> ExprError {
    ExprError {
        kind: ExprErrorKind::OutOfRange,
        message,
        at,
        help: Some(help),
    }
}

fn subnet(
    prefix: Block,
    newbits: i64,
    newbits_arg: &Expr,
    netnum: i64,
    netnum_arg: &Expr,
) -> Result<Block, ExprError> {
    let len = new_length(prefix, newbits, newbits_arg)?;
    // netnum is an i64: 63 new bits or more fit every one.
    let count = 1u128 << (len - prefix.len).min(63);
    if netnum < 0 || (len - prefix.len < 63 && netnum as u128 >= count) {
        return Err(out_of_range(
            format!(
                "netnum {netnum} is out of range: {} has {count} subnets of /{len} (0 to {})",
                prefix.text(),
                count - 1
            ),
            netnum_arg.at(),
            format!("use a netnum below {count}, or more newbits"),
        ));
    }
    let size_shift = prefix.bits() - len;
    Ok(Block {
        start: prefix.start + ((netnum as u128) << size_shift),
        len,
        v6: prefix.v6,
    })
}

fn new_length(prefix: Block, newbits: i64, arg: &Expr) -> Result<u32, ExprError> {
    let len = i64::from(prefix.len) + newbits;
    if newbits < 0 || len > i64::from(prefix.bits()) {
        return Err(out_of_range(
            format!(
                "newbits {newbits} makes a /{len} from {}: {} prefixes go from /{} to /{}",
                prefix.text(),
                if prefix.v6 { "IPv6" } else { "IPv4" },
                prefix.len,
                prefix.bits()
            ),
            arg.at(),
            format!(
                "newbits is 0 to {}: the bits added to the prefix length",
                prefix.bits() - prefix.len
            ),
        ));
    }
    Ok(len as u32)
}

/// The `bits` lowest bits set.
fn low_mask(bits: u32) -> u128 {
    if bits >= 128 {
        u128::MAX
    } else {
        (1u128 << bits) - 1
    }
}

fn host(prefix: Block, hostnum: i64, arg: &Expr) -> Result<String, ExprError> {
    let last = low_mask(prefix.host_bits());
    // Negative numbers count back from the end, as in Terraform.
    let offset = match u128::try_from(hostnum) {
        Ok(n) => (n <= last).then_some(n),
        Err(_) => {
            let back = u128::from(hostnum.unsigned_abs()) - 1;
            (back <= last).then(|| last - back)
        }
    };
    let Some(offset) = offset else {
        return Err(out_of_range(
            format!(
                "hostnum {hostnum} is out of range: the addresses of {} are 0 to {last}",
                prefix.text()
            ),
            arg.at(),
            format!("use 0 to {last}, or -1 and below to count from the end"),
        ));
    };
    Ok(prefix.address(prefix.start | offset))
}

/// Consecutive blocks, each aligned to its size, as Terraform's
/// `cidrsubnets` allocates them.
fn subnets(prefix: Block, newbits: &[i64], args: &[Expr]) -> Result<Vec<String>, ExprError> {
    let end = prefix.start | low_mask(prefix.host_bits());
    let mut out = Vec::with_capacity(newbits.len());
    // The first free address; `None` once the last one is used.
    let mut next = Some(prefix.start);
    for (&bits, arg) in newbits.iter().zip(args) {
        let len = new_length(prefix, bits, arg)?;
        let mask = low_mask(prefix.bits() - len);
        // Aligned up to the block's size.
        let start = next
            .and_then(|n| n.checked_add(mask))
            .map(|v| v & !mask)
            .filter(|s| s.checked_add(mask).is_some_and(|l| l <= end));
        let Some(start) = start else {
            return Err(out_of_range(
                format!(
                    "no space left in {} for a /{len} after {} block(s)",
                    prefix.text(),
                    out.len()
                ),
                arg.at(),
                "give the larger blocks first, or start from a wider prefix".into(),
            ));
        };
        let block = Block {
            start,
            len,
            v6: prefix.v6,
        };
        out.push(block.text());
        next = (start | mask).checked_add(1);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Vars;
    impl Scope for Vars {
        fn variable(&self, name: &str) -> Option<Val> {
            match name {
                "base" => Some(Val::Str("10.20.0.0/16".into())),
                "n" => Some(Val::Int(3)),
                "six" => Some(Val::Str("2600:1f18:ab00::/56".into())),
                _ => None,
            }
        }
        fn unknown(&self, name: &str, at: Range<usize>) -> ExprError {
            error(ExprErrorKind::UnknownVariable, name, at)
        }
    }

    fn eval_all(text: &str) -> Result<Val, ExprError> {
        let pieces = pieces(text)?.expect("an expression");
        let [Piece::Expr { inner }] = pieces.as_slice() else {
            panic!("one expression: {pieces:?}");
        };
        evaluate(text, inner.clone(), &Vars)
    }

    fn s(v: &str) -> Result<Val, ExprError> {
        Ok(Val::Str(v.into()))
    }

    #[test]
    fn the_functions_agree_with_terraform() {
        // Terraform's documented examples, then variables as arguments.
        for (text, want) in [
            (r#"${cidrsubnet("172.16.0.0/12", 4, 2)}"#, "172.18.0.0/16"),
            (r#"${cidrsubnet("10.1.2.0/24", 4, 15)}"#, "10.1.2.240/28"),
            (
                r#"${cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)}"#,
                "fd00:fd12:3456:7800:a200::/72",
            ),
            (r#"${cidrhost("10.12.112.0/20", 16)}"#, "10.12.112.16"),
            (r#"${cidrhost("10.12.112.0/20", 268)}"#, "10.12.113.12"),
            (r#"${cidrhost("10.0.0.0/24", -1)}"#, "10.0.0.255"),
            ("${cidrsubnet(var.base, 8, var.n)}", "10.20.3.0/24"),
            ("${cidrsubnet(var.six, 8, 1)}", "2600:1f18:ab00:1::/64"),
        ] {
            assert_eq!(eval_all(text), s(want), "{text}");
        }
        assert_eq!(
            eval_all(r#"${cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)}"#),
            Ok(Val::List(vec![
                "10.1.0.0/20".into(),
                "10.1.16.0/20".into(),
                "10.1.32.0/24".into(),
                "10.1.48.0/20".into()
            ]))
        );
        assert_eq!(
            eval_all(r#"${cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)}"#),
            Ok(Val::List(vec![
                "fd00:fd12:3456:7800::/72".into(),
                "fd00:fd12:3456:7800:100::/72".into(),
                "fd00:fd12:3456:7800:200::/72".into(),
                "fd00:fd12:3456:7800:300::/88".into()
            ]))
        );
        assert_eq!(eval_all("${var.n}"), Ok(Val::Int(3)));
        assert_eq!(
            eval_all("${cidrsubnets(var.base, 16, 16)}"),
            Ok(Val::List(vec![
                "10.20.0.0/32".into(),
                "10.20.0.1/32".into()
            ]))
        );
    }

    #[test]
    fn out_of_range_arguments_are_refused_at_the_argument() {
        let text = "${cidrsubnet(var.base, 8, 256)}";
        let e = eval_all(text).unwrap_err();
        assert_eq!(e.kind, ExprErrorKind::OutOfRange);
        assert_eq!(&text[e.at.clone()], "256");
        assert!(e.message.contains("256 subnets"), "{}", e.message);
        let text = "${cidrsubnet(var.base, 17, 0)}";
        let e = eval_all(text).unwrap_err();
        assert_eq!(&text[e.at.clone()], "17");
        assert!(e.message.contains("/33"), "{}", e.message);
        let e = eval_all("${cidrhost(\"10.0.0.0/24\", 256)}").unwrap_err();
        assert_eq!(e.kind, ExprErrorKind::OutOfRange);
        let e = eval_all("${cidrsubnets(\"10.0.0.0/24\", 1, 1, 1)}").unwrap_err();
        assert!(e.message.contains("no space left"), "{}", e.message);
        let e = eval_all("${cidrsubnet(var.base, -1, 0)}").unwrap_err();
        assert_eq!(e.kind, ExprErrorKind::OutOfRange);
    }

    #[test]
    fn mistakes_are_named_where_they_are() {
        let cases = [
            ("${var.nope}", "var.nope", ExprErrorKind::UnknownVariable),
            (
                "${cidrsubnett(var.base, 1, 1)}",
                "cidrsubnett",
                ExprErrorKind::Syntax,
            ),
            (
                "${cidrsubnet(var.base, 1)}",
                "cidrsubnet(var.base, 1)",
                ExprErrorKind::Syntax,
            ),
            ("${cidrsubnet(var.n, 1, 1)}", "var.n", ExprErrorKind::Syntax),
            ("${cidrsubnet(\"x\", 1, 1)}", "\"x\"", ExprErrorKind::Syntax),
            ("${var.base + 1}", "+", ExprErrorKind::Syntax),
            ("${var}", "var", ExprErrorKind::Syntax),
            ("${}", "", ExprErrorKind::Syntax),
        ];
        for (text, at, kind) in cases {
            let e = eval_all(text).unwrap_err();
            assert_eq!(
                (&text[e.at.clone()], e.kind),
                (at, kind),
                "{text}: {}",
                e.message
            );
        }
        assert!(pieces("${var.x").is_err());
        // Hostile nesting is refused, not a stack overflow.
        let deep = format!(
            "${{{}var.base{}}}",
            "cidrhost(".repeat(100_000),
            ", 1)".repeat(100_000)
        );
        let e = eval_all(&deep).unwrap_err();
        assert!(e.message.contains("nest more than"), "{}", e.message);
    }

    #[test]
    fn text_and_expressions_split() {
        assert_eq!(pieces("plain").unwrap(), None);
        assert_eq!(
            pieces("$${x}").unwrap(),
            Some(vec![Piece::Text("${x}".into())])
        );
        assert_eq!(
            pieces("a-${var.x}-$${b}").unwrap(),
            Some(vec![
                Piece::Text("a-".into()),
                Piece::Expr { inner: 4..9 },
                Piece::Text("-${b}".into())
            ])
        );
    }
}
