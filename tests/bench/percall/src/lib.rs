//! The two clients under measurement, each on an in-memory HTTP client that answers every
//! request with the same canned DataZone response, with static credentials, so that a call costs
//! exactly what the client does: build, sign, "send", read.

use std::sync::Arc;

/// The request id both fake transports put on every response.
pub const REQUEST_ID: &str = "b5a7c1de-0f6e-4a1a-9d2e-2d6f3a1c9e10";

fn summary(i: usize) -> String {
    format!(
        r#"{{"id":"run{i:08}","dataSourceId":"ds-1a2b3c4d","type":"SCHEDULED","status":"SUCCESS","projectId":"prj-5e6f7a8b","runStatisticsForAssets":{{"added":{i},"updated":3,"unchanged":120,"skipped":0,"failed":1}},"createdAt":"2024-03-01T10:15:30.123Z","updatedAt":"2024-03-01T10:20:11Z","startedAt":"2024-03-01T10:15:31Z","stoppedAt":"2024-03-01T10:20:10Z","lineageSummary":{{"importStatus":"SUCCESS"}}}}"#
    )
}

/// The body of a GetDataSourceRun response with every member set.
pub fn get_body() -> Vec<u8> {
    br#"{"domainId":"dzd_4p9n6sw4qt9xgn","dataSourceId":"ds-1a2b3c4d","id":"run00000001","projectId":"prj-5e6f7a8b","status":"SUCCESS","type":"SCHEDULED","dataSourceConfigurationSnapshot":"{\"glueRunConfiguration\":{\"relationalFilterConfigurations\":[{\"databaseName\":\"sales\"}]}}","runStatisticsForAssets":{"added":12,"updated":3,"unchanged":120,"skipped":0,"failed":1},"lineageSummary":{"importStatus":"SUCCESS"},"createdAt":"2024-03-01T10:15:30.123Z","updatedAt":"2024-03-01T10:20:11Z","startedAt":"2024-03-01T10:15:31Z","stoppedAt":"2024-03-01T10:20:10Z"}"#.to_vec()
}

/// The body of a ListDataSourceRuns page of `n` summaries, with a next token.
pub fn list_body(n: usize) -> Vec<u8> {
    let items: Vec<String> = (0..n).map(summary).collect();
    format!(r#"{{"items":[{}],"nextToken":"eyJwYWdlIjoyfQ=="}}"#, items.join(",")).into_bytes()
}

/// This project's client.
pub mod ours {
    use super::*;
    use datazone::transport::{BoxFuture, HttpClient, TransportError};

    /// Answers every request with the same response.
    #[derive(Debug)]
    pub struct Canned {
        body: Vec<u8>,
    }

    impl HttpClient for Canned {
        fn send(
            &self,
            _request: http::Request<Vec<u8>>,
            _max_body: usize,
        ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
            let response = http::Response::builder()
                .status(200)
                .header("content-type", "application/json")
                .header("x-amzn-requestid", REQUEST_ID)
                .body(self.body.clone())
                .expect("a valid response");
            Box::pin(std::future::ready(Ok(response)))
        }
    }

    /// A client whose every call gets `body`.
    pub fn client(body: Vec<u8>) -> datazone::Client {
        let config = datazone::config::Config::builder()
            .region("us-east-1")
            .credentials(datazone::auth::Credentials::new(
                "AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                None,
            ))
            .http_client(Canned { body })
            .build();
        datazone::Client::new(config)
    }

    /// One GetDataSourceRun call.
    pub async fn get(client: &datazone::Client) -> datazone::operation::get_data_source_run::GetDataSourceRunOutput {
        client
            .get_data_source_run("dzd_4p9n6sw4qt9xgn", "run00000001")
            .send()
            .await
            .expect("a canned success")
    }

    /// One ListDataSourceRuns call.
    pub async fn list(
        client: &datazone::Client,
    ) -> datazone::operation::list_data_source_runs::ListDataSourceRunsOutput {
        client
            .list_data_source_runs("dzd_4p9n6sw4qt9xgn", "ds-1a2b3c4d")
            .max_results(50)
            .send()
            .await
            .expect("a canned success")
    }
}

/// The official `aws-sdk-datazone`.
pub mod official {
    use super::*;
    use aws_sdk_datazone::config::{BehaviorVersion, Credentials, Region};
    use aws_smithy_http_client::test_util::infallible_client_fn;
    use aws_smithy_types::body::SdkBody;

    /// A client whose every call gets `body`, through the SDK's own in-memory HTTP client.
    pub fn client(body: Vec<u8>) -> aws_sdk_datazone::Client {
        let body = Arc::new(body);
        let http_client = infallible_client_fn(move |_request| {
            http::Response::builder()
                .status(200)
                .header("content-type", "application/json")
                .header("x-amzn-requestid", REQUEST_ID)
                .body(SdkBody::from(body.as_slice().to_vec()))
                .expect("a valid response")
        });
        let config = aws_sdk_datazone::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new(
                "AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                None,
                None,
                "bench",
            ))
            .http_client(http_client)
            .build();
        aws_sdk_datazone::Client::from_conf(config)
    }

    /// One GetDataSourceRun call.
    pub async fn get(
        client: &aws_sdk_datazone::Client,
    ) -> aws_sdk_datazone::operation::get_data_source_run::GetDataSourceRunOutput {
        client
            .get_data_source_run()
            .domain_identifier("dzd_4p9n6sw4qt9xgn")
            .identifier("run00000001")
            .send()
            .await
            .expect("a canned success")
    }

    /// One ListDataSourceRuns call.
    pub async fn list(
        client: &aws_sdk_datazone::Client,
    ) -> aws_sdk_datazone::operation::list_data_source_runs::ListDataSourceRunsOutput {
        client
            .list_data_source_runs()
            .domain_identifier("dzd_4p9n6sw4qt9xgn")
            .data_source_identifier("ds-1a2b3c4d")
            .max_results(50)
            .send()
            .await
            .expect("a canned success")
    }
}

/// A single-threaded runtime, the same for both clients.
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
        let ours = rt.block_on(ours::get(&ours::client(get_body())));
        let official = rt.block_on(official::get(&official::client(get_body())));
        assert_eq!(ours.id, official.id);
        assert_eq!(ours.status.as_str(), official.status.as_str());
        let ours = rt.block_on(ours::list(&ours::client(list_body(50))));
        let official = rt.block_on(official::list(&official::client(list_body(50))));
        assert_eq!(ours.items.len(), 50);
        assert_eq!(official.items.len(), 50);
        assert_eq!(ours.next_token, official.next_token);
    }
}
