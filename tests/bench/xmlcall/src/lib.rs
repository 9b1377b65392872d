//! The four clients under measurement, each on an in-memory HTTP client that answers every
//! request with the same canned awsQuery response, with static credentials, so that a call costs
//! exactly what the client does: build the form, sign, "send", read the XML.

use std::sync::Arc;

/// The request id the fake transports put on every response.
pub const REQUEST_ID: &str = "b5a7c1de-0f6e-4a1a-9d2e-2d6f3a1c9e10";

fn user(i: usize) -> String {
    format!(
        "<member><Path>/division_abc/subdivision_xyz/</Path><UserName>user-{i:05}</UserName>\
         <UserId>AIDACKCEVSQ6C2EXAMPLE{i:05}</UserId>\
         <Arn>arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/user-{i:05}</Arn>\
         <CreateDate>2024-03-01T10:15:30Z</CreateDate><PasswordLastUsed>2024-06-01T08:00:00Z</PasswordLastUsed>\
         <Tags><member><Key>team</Key><Value>rust &amp; friends</Value></member></Tags></member>"
    )
}

/// An IAM `ListUsers` response of `n` users, truncated with a marker.
pub fn list_users_body(n: usize) -> Vec<u8> {
    let users: String = (0..n).map(user).collect();
    format!(
        "<ListUsersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListUsersResult>\
         <Users>{users}</Users><IsTruncated>true</IsTruncated><Marker>AAEAAXlVc2VyLTAwMTAw</Marker>\
         </ListUsersResult><ResponseMetadata><RequestId>{REQUEST_ID}</RequestId></ResponseMetadata></ListUsersResponse>"
    )
    .into_bytes()
}

/// An STS `AssumeRole` response.
pub fn assume_role_body() -> Vec<u8> {
    format!(
        "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>\
         <SourceIdentity>DevUser123</SourceIdentity><AssumedRoleUser>\
         <Arn>arn:aws:sts::123456789012:assumed-role/demo/John</Arn><AssumedRoleId>ARO123EXAMPLE123:John</AssumedRoleId>\
         </AssumedRoleUser><Credentials><AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>\
         <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>\
         <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==</SessionToken>\
         <Expiration>2019-11-09T13:34:41Z</Expiration></Credentials><PackedPolicySize>6</PackedPolicySize>\
         </AssumeRoleResult><ResponseMetadata><RequestId>{REQUEST_ID}</RequestId></ResponseMetadata></AssumeRoleResponse>"
    )
    .into_bytes()
}

/// This project's clients.
pub mod ours {
    macro_rules! canned {
        ($krate:ident) => {
            /// Answers every request with the same response.
            #[derive(Debug)]
            pub struct Canned {
                pub body: Vec<u8>,
            }

            impl $krate::transport::HttpClient for Canned {
                fn send(
                    &self,
                    _request: http::Request<Vec<u8>>,
                    _max_body: usize,
                ) -> $krate::transport::BoxFuture<'_, Result<http::Response<Vec<u8>>, $krate::transport::TransportError>> {
                    let response = http::Response::builder()
                        .status(200)
                        .header("content-type", "text/xml")
                        .header("x-amzn-requestid", crate::REQUEST_ID)
                        .body(self.body.clone())
                        .expect("a valid response");
                    Box::pin(std::future::ready(Ok(response)))
                }
            }

            /// A client whose every call gets `body`.
            pub fn client(body: Vec<u8>) -> $krate::Client {
                let config = $krate::config::Config::builder()
                    .region("us-east-1")
                    .credentials($krate::auth::Credentials::new(
                        "AKIDEXAMPLE",
                        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                        None,
                    ))
                    .http_client(Canned { body })
                    .build();
                $krate::Client::new(config)
            }
        };
    }

    pub mod iam {
        canned!(iam);

        /// One ListUsers call, a page of up to 100.
        pub async fn list_users(client: &iam::Client) -> iam::operation::list_users::ListUsersOutput {
            client
                .list_users()
                .max_items(100)
                .send()
                .await
                .expect("a canned success")
        }
    }

    pub mod sts {
        canned!(sts);

        /// One AssumeRole call.
        pub async fn assume_role(client: &sts::Client) -> sts::operation::assume_role::AssumeRoleOutput {
            client
                .assume_role("arn:aws:iam::123456789012:role/demo", "John")
                .duration_seconds(3600)
                .send()
                .await
                .expect("a canned success")
        }
    }
}

/// The official `aws-sdk-iam` and `aws-sdk-sts`.
pub mod official {
    use super::*;
    use aws_credential_types::Credentials;
    use aws_smithy_http_client::test_util::infallible_client_fn;
    use aws_smithy_types::body::SdkBody;

    /// The SDK's own in-memory HTTP client, answering every request with `body`.
    fn respond(body: Vec<u8>) -> impl Fn(http::Request<SdkBody>) -> http::Response<SdkBody> + Send + Sync + 'static {
        let body = Arc::new(body);
        move |_request| {
            http::Response::builder()
                .status(200)
                .header("content-type", "text/xml")
                .header("x-amzn-requestid", REQUEST_ID)
                .body(SdkBody::from(body.as_slice().to_vec()))
                .expect("a valid response")
        }
    }

    macro_rules! client {
        ($sdk:ident) => {
            /// A client whose every call gets `body`, through the SDK's own in-memory HTTP client.
            pub fn client(body: Vec<u8>) -> $sdk::Client {
                let config = $sdk::Config::builder()
                    .behavior_version($sdk::config::BehaviorVersion::latest())
                    .region($sdk::config::Region::new("us-east-1"))
                    .credentials_provider(super::credentials())
                    .http_client(super::infallible_client_fn(super::respond(body)))
                    .build();
                $sdk::Client::from_conf(config)
            }
        };
    }

    fn credentials() -> Credentials {
        Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
            None,
            "bench",
        )
    }

    pub mod iam {
        client!(aws_sdk_iam);

        /// One ListUsers call.
        pub async fn list_users(client: &aws_sdk_iam::Client) -> aws_sdk_iam::operation::list_users::ListUsersOutput {
            client
                .list_users()
                .max_items(100)
                .send()
                .await
                .expect("a canned success")
        }
    }

    pub mod sts {
        client!(aws_sdk_sts);

        /// One AssumeRole call.
        pub async fn assume_role(
            client: &aws_sdk_sts::Client,
        ) -> aws_sdk_sts::operation::assume_role::AssumeRoleOutput {
            client
                .assume_role()
                .role_arn("arn:aws:iam::123456789012:role/demo")
                .role_session_name("John")
                .duration_seconds(3600)
                .send()
                .await
                .expect("a canned success")
        }
    }
}

/// A single-threaded runtime, the same for every client.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_clients_read_the_same_values() {
        let rt = runtime();
        let o = rt.block_on(ours::iam::list_users(&ours::iam::client(list_users_body(100))));
        let a = rt.block_on(official::iam::list_users(&official::iam::client(list_users_body(100))));
        assert_eq!(o.users.len(), 100);
        assert_eq!(a.users.len(), 100);
        assert_eq!(o.users[7].user_name, a.users[7].user_name);
        assert_eq!(
            o.users[7].tags.as_ref().unwrap()[0].value,
            a.users[7].tags.as_ref().unwrap()[0].value
        );
        assert_eq!(o.marker, a.marker);
        let o = rt.block_on(ours::sts::assume_role(&ours::sts::client(assume_role_body())));
        let a = rt.block_on(official::sts::assume_role(&official::sts::client(assume_role_body())));
        assert_eq!(
            o.credentials.unwrap().session_token,
            a.credentials.unwrap().session_token
        );
    }
}
