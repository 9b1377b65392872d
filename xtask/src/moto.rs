//! `cargo xtask moto`: generated clients against moto, a real third-party AWS emulator.
//!
//! It installs moto (PyPI `moto[server]`) into a virtual environment under `target/moto/`, starts
//! its server on loopback, creates the IAM role that Lambda functions take, generates the EKS,
//! Lambda (restJson1), DynamoDB and SQS (awsJson1_0), IAM, STS, SNS and CloudFormation
//! (awsQuery) and Route 53 (restXml) clients from `../shared/models/`, and runs the workflows
//! of `tests/moto` against the server. Where moto cannot be installed (no Python, no PyPI), it says why and skips.
//!
//! moto's own signature check (`INITIAL_NO_AUTH_ACTION_COUNT`) stays off: for a request with
//! neither body nor query string it hashes its dictionary of the request's headers as the body,
//! so it refuses every such `GET` from any client, boto3's included (moto 5.2.5). The signatures
//! are checked against the official signer in `tests/e2e` instead.

use anyhow::{bail, Context, Result};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The moto release the workflows are checked against.
const MOTO: &str = "moto[server]==5.2.5";

/// The clients the workflows use: (crate name, model beside the project, the operations it is
/// generated with, or all of them). IAM, CloudFormation, SNS and Route 53 are generated with the
/// operations their workflows call (`--operations`, as a user keeps a crate small), so that CI
/// builds a few dozen operations rather than several hundred; the whole models are built and
/// tested by the sweep.
const CLIENTS: &[(&str, &str, Option<&[&str]>)] = &[
    ("eks", "../shared/models/eks.json", None),
    ("lambda", "../shared/models/lambda.json", None),
    ("dynamodb", "../shared/models/aws/dynamodb.json", None),
    ("sqs", "../shared/models/aws/sqs.json", None),
    ("sts", "../shared/models/aws/sts.json", None),
    (
        "iam",
        "../shared/models/aws/iam.json",
        Some(&[
            "CreateUser",
            "GetUser",
            "ListUsers",
            "DeleteUser",
            "CreateRole",
            "GetRole",
            "ListRoles",
            "DeleteRole",
            "CreatePolicy",
            "DeletePolicy",
            "AttachRolePolicy",
            "DetachRolePolicy",
            "ListAttachedRolePolicies",
        ]),
    ),
    (
        "sns",
        "../shared/models/aws/sns.json",
        Some(&[
            "CreateTopic",
            "GetTopicAttributes",
            "Subscribe",
            "ListSubscriptionsByTopic",
            "Publish",
            "ListTopics",
            "Unsubscribe",
            "DeleteTopic",
        ]),
    ),
    (
        "cloudformation",
        "../shared/models/aws/cloudformation.json",
        Some(&["CreateStack", "DescribeStacks", "DescribeStackResources", "DeleteStack"]),
    ),
    (
        "route53",
        "../shared/models/aws/route-53.json",
        Some(&[
            "CreateHostedZone",
            "GetHostedZone",
            "ListHostedZones",
            "ChangeResourceRecordSets",
            "GetChange",
            "ListResourceRecordSets",
            "DeleteHostedZone",
        ]),
    ),
];

/// Runs the workflows; the report is the test run's summary, or the reason moto was skipped.
pub fn run() -> Result<String> {
    let root = crate::workspace_root();
    let work = root.join("target/moto");
    let server = match install(&work.join("venv")) {
        Ok(server) => server,
        Err(reason) => return Ok(format!("moto: skipped: moto cannot be installed here: {reason:#}\n")),
    };
    for (name, model, operations) in CLIENTS {
        let options = codegen::Options {
            operations: operations.map(|ops| ops.iter().map(|op| (*op).to_owned()).collect()),
            crate_name: Some((*name).to_owned()),
            ..codegen::Options::default()
        };
        let report = crate::codegen(
            &root.join(model),
            &work.join(name),
            &options,
            crate::Action::Write { force: false },
        )?;
        print!("{report}");
    }
    let moto = Server::start(&server, &work.join("server.log"))?;
    let role = iam(
        moto.addr,
        &[
            ("Action", "CreateRole"),
            ("RoleName", "workflow-function"),
            ("AssumeRolePolicyDocument", TRUST_LAMBDA),
        ],
    )
    .and_then(|response| xml_text(&response, "Arn"))
    .context("cannot create the IAM role for Lambda in moto")?;
    let status = Command::new(env!("CARGO"))
        .args(["test", "--manifest-path"])
        .arg(root.join("tests/moto/Cargo.toml"))
        .env("CARGO_TARGET_DIR", root.join("target/standalone"))
        .env("MOTO_ENDPOINT", format!("http://{}", moto.addr))
        .env("MOTO_LAMBDA_ROLE", role)
        // For the workflow whose client comes from `Config::from_env()`: SQS's own endpoint
        // variable points at moto, the global one at a loopback port where nothing listens, and
        // no shared file or profile of this machine's is read.
        .env("AWS_ENDPOINT_URL_SQS", format!("http://{}", moto.addr))
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "AKIDMOTOWORKFLOWS")
        .env("AWS_SECRET_ACCESS_KEY", "moto-workflows-secret")
        .env("AWS_CONFIG_FILE", work.join("no-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", work.join("no-credentials"))
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
        .status()
        .context("cannot run cargo test")?;
    if !status.success() {
        bail!(
            "the moto workflows failed (moto's log: {})",
            work.join("server.log").display()
        );
    }
    Ok("moto: the EKS, Lambda, DynamoDB, SQS, IAM, STS, SNS, CloudFormation and Route 53 workflows passed\n".into())
}

/// The `moto_server` of a virtual environment at `venv`, created and filled on first use.
fn install(venv: &Path) -> Result<PathBuf> {
    let server = venv.join("bin/moto_server");
    let stamp = venv.join("installed");
    if server.exists() && std::fs::read_to_string(&stamp).is_ok_and(|s| s == MOTO) {
        return Ok(server);
    }
    println!("moto: installing {MOTO} into {}", venv.display());
    run_quietly(Command::new("python3").args(["-m", "venv", "--clear"]).arg(venv)).context("python3 -m venv failed")?;
    run_quietly(Command::new(venv.join("bin/pip")).args(["install", "--quiet", "--disable-pip-version-check", MOTO]))
        .with_context(|| format!("pip install {MOTO} failed"))?;
    std::fs::write(&stamp, MOTO)?;
    Ok(server)
}

fn run_quietly(command: &mut Command) -> Result<()> {
    let output = command
        .output()
        .with_context(|| format!("cannot run {:?}", command.get_program()))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        bail!(
            "{}",
            stderr
                .lines()
                .rev()
                .take(5)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    Ok(())
}

/// A moto server on a free loopback port, stopped when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(program: &Path, log: &Path) -> Result<Self> {
        let addr = TcpListener::bind("127.0.0.1:0")?.local_addr()?;
        let log = std::fs::File::create(log)?;
        let child = Command::new(program)
            .args(["-H", "127.0.0.1", "-p", &addr.port().to_string()])
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .with_context(|| format!("cannot start {}", program.display()))?;
        let mut server = Self { child, addr };
        let started = Instant::now();
        while TcpStream::connect(addr).is_err() {
            if let Some(status) = server.child.try_wait()? {
                bail!("moto_server exited at start ({status})");
            }
            if started.elapsed() > Duration::from_secs(60) {
                bail!("moto_server did not listen on {addr} within 60 s");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        println!("moto: listening on {addr}");
        Ok(server)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The trust policy of the role Lambda functions take.
const TRUST_LAMBDA: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;

/// One IAM Query call over HTTP/1.1; the response body, or an error with it.
fn iam(addr: SocketAddr, params: &[(&str, &str)]) -> Result<String> {
    let mut body = String::from("Version=2010-05-08");
    for (name, value) in params {
        body.push_str(&format!("&{name}={}", form_encode(value)));
    }
    // moto routes by the credential scope's service; it does not check the signature.
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Authorization: AWS4-HMAC-SHA256 Credential=setup/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    stream.write_all(request.as_bytes())?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    if !head.starts_with("HTTP/1.1 200") {
        bail!("IAM {}: {}\n{body}", params[0].1, head.lines().next().unwrap_or(""));
    }
    Ok(body.to_owned())
}

fn form_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn xml_text(xml: &str, element: &str) -> Result<String> {
    let open = format!("<{element}>");
    let start = xml.find(&open).map(|i| i + open.len());
    let end = start.and_then(|s| xml[s..].find(&format!("</{element}>")).map(|e| s + e));
    match (start, end) {
        (Some(start), Some(end)) => Ok(xml[start..end].to_owned()),
        _ => bail!("no <{element}> in IAM's response: {xml}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_values_are_percent_encoded() {
        assert_eq!(form_encode(r#"{"a": "b/c"}"#), "%7B%22a%22%3A%20%22b%2Fc%22%7D");
    }

    #[test]
    fn reads_an_element_of_an_iam_response() {
        let xml = "<R><AccessKey><AccessKeyId>AKIA1</AccessKeyId></AccessKey></R>";
        assert_eq!(xml_text(xml, "AccessKeyId").unwrap(), "AKIA1");
        assert!(xml_text(xml, "SecretAccessKey")
            .unwrap_err()
            .to_string()
            .contains("no <SecretAccessKey>"));
    }
}
