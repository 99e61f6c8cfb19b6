//! Where files are kept, through the `object_store` crate: a local directory in the
//! embedded mode, any S3-compatible store in production. Keys are ours (random, see
//! `platform::files`), never a name a user chose.

use std::ops::Range;
use std::sync::Arc;

use anyhow::Context;
use bytes::Bytes;
use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::buffered::BufWriter;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::prefix::PrefixStore;
use object_store::{GetOptions, GetRange, ObjectStore, ObjectStoreExt, PutPayload};
use tokio::io::AsyncWriteExt;

use crate::config::Settings;

/// The file store. Cheap to clone.
#[derive(Clone)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    backend: &'static str,
}

impl std::fmt::Debug for Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Storage").field("backend", &self.backend).finish_non_exhaustive()
    }
}

/// Where an `OPSFLUX_STORAGE_URL` points.
pub enum Location {
    Directory(std::path::PathBuf),
    S3 { builder: Box<AmazonS3Builder>, prefix: String },
}

/// Reads `file:///path` or
/// `s3://bucket/optional/prefix?endpoint=…&region=…&access_key_id=…&secret_access_key=…&allow_http=true`
/// (what the query leaves out comes from the usual `AWS_*` variables), touching nothing.
pub fn parse_url(url: &str) -> anyhow::Result<Location> {
    // Never the URL itself in an error: it may carry keys.
    let parsed = reqwest::Url::parse(url).context("OPSFLUX_STORAGE_URL is not a URL")?;
    match parsed.scheme() {
        "file" => {
            let dir = parsed
                .to_file_path()
                .map_err(|()| anyhow::anyhow!("OPSFLUX_STORAGE_URL: a file:// URL needs a path"))?;
            Ok(Location::Directory(dir))
        }
        "s3" => {
            let bucket = parsed.host_str().filter(|b| !b.is_empty()).context("an s3:// URL needs a bucket")?;
            let mut builder = AmazonS3Builder::from_env().with_bucket_name(bucket);
            for (name, value) in parsed.query_pairs() {
                builder = match &*name {
                    "endpoint" => builder.with_endpoint(value.as_ref()),
                    "region" => builder.with_region(value.as_ref()),
                    "access_key_id" => builder.with_access_key_id(value.as_ref()),
                    "secret_access_key" => builder.with_secret_access_key(value.as_ref()),
                    "allow_http" => builder.with_allow_http(value == "true"),
                    // Path-style addressing (`endpoint/bucket/key`) is what self-hosted stores speak.
                    "virtual_hosted" => builder.with_virtual_hosted_style_request(value == "true"),
                    other => anyhow::bail!("OPSFLUX_STORAGE_URL: unknown parameter {other}"),
                };
            }
            Ok(Location::S3 { builder: Box::new(builder), prefix: parsed.path().trim_matches('/').to_owned() })
        }
        other => anyhow::bail!("OPSFLUX_STORAGE_URL: unknown scheme {other}: (file or s3)"),
    }
}

/// An object as it is read: its stream, its whole size and the range sent.
pub struct Object {
    pub stream: BoxStream<'static, std::io::Result<Bytes>>,
    pub size: u64,
    pub range: Range<u64>,
}

impl Storage {
    /// `OPSFLUX_STORAGE_URL`, or `<data_dir>/files`.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        match settings.files.storage_url.as_deref() {
            None => Self::local(&settings.data_dir.join("files")),
            Some(url) => Self::from_url(url),
        }
    }

    fn from_url(url: &str) -> anyhow::Result<Self> {
        match parse_url(url)? {
            Location::Directory(dir) => Self::local(&dir),
            Location::S3 { builder, prefix } => {
                let store = builder.build().context("OPSFLUX_STORAGE_URL: the S3 store")?;
                let store: Arc<dyn ObjectStore> =
                    if prefix.is_empty() { Arc::new(store) } else { Arc::new(PrefixStore::new(store, prefix)) };
                Ok(Self { store, backend: "s3" })
            }
        }
    }

    fn local(dir: &std::path::Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create the file directory {}", dir.display()))?;
        let store = LocalFileSystem::new_with_prefix(dir)?;
        Ok(Self { store: Arc::new(store), backend: "local" })
    }

    /// `local` or `s3`.
    pub fn backend(&self) -> &'static str {
        self.backend
    }

    /// A writer that streams to `key` (a multipart upload past one part): call
    /// [`Writer::finish`] to make the object exist, or [`Writer::abort`]. It holds at
    /// most one part in memory: S3 takes parts of 5 MiB at least, a directory any size.
    pub fn writer(&self, key: &str) -> Writer {
        let part = if self.backend == "s3" { 5 * 1024 * 1024 } else { 256 * 1024 };
        Writer(BufWriter::with_capacity(Arc::clone(&self.store), Path::from(key), part))
    }

    pub async fn put(&self, key: &str, bytes: Bytes) -> anyhow::Result<()> {
        self.store.put(&Path::from(key), PutPayload::from_bytes(bytes)).await?;
        Ok(())
    }

    /// The object at `key`, or the bytes of `range` in it.
    pub async fn get(&self, key: &str, range: Option<Range<u64>>) -> anyhow::Result<Object> {
        let options = GetOptions { range: range.map(GetRange::Bounded), ..GetOptions::default() };
        let result = self.store.get_opts(&Path::from(key), options).await?;
        let (size, range) = (result.meta.size, result.range.clone());
        let stream = result.into_stream().map_err(std::io::Error::other).boxed();
        Ok(Object { stream, size, range })
    }

    /// The whole object in memory: for images, which are decoded whole anyway.
    pub async fn read(&self, key: &str) -> anyhow::Result<Bytes> {
        Ok(self.store.get(&Path::from(key)).await?.bytes().await?)
    }

    /// Removes the object; one already gone is no error.
    pub async fn delete(&self, key: &str) -> anyhow::Result<()> {
        match self.store.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(err) => Err(err.into()),
        }
    }

    /// Whether an object exists at `key`.
    pub async fn exists(&self, key: &str) -> anyhow::Result<bool> {
        match self.store.head(&Path::from(key)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(err) => Err(err.into()),
        }
    }

    /// Every key under `prefix`, for the tests and the clean-up's checks.
    pub async fn keys(&self, prefix: &str) -> anyhow::Result<Vec<String>> {
        let listed: Vec<_> = self.store.list(Some(&Path::from(prefix))).try_collect().await?;
        Ok(listed.into_iter().map(|meta| meta.location.to_string()).collect())
    }
}

/// An object being written.
pub struct Writer(BufWriter);

impl Writer {
    pub async fn write(&mut self, chunk: &[u8]) -> anyhow::Result<()> {
        Ok(self.0.write_all(chunk).await?)
    }

    pub async fn finish(mut self) -> anyhow::Result<()> {
        Ok(self.0.shutdown().await?)
    }

    /// Gives up: nothing is left in the store.
    pub async fn abort(mut self) -> anyhow::Result<()> {
        Ok(self.0.abort().await?)
    }
}
