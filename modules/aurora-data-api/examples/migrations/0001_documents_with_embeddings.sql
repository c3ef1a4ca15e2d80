-- pgvector (the extension is named vector) and a table of documents with their embeddings.
-- Aurora PostgreSQL 15.2 and later ship pgvector; the local Data API loads it into PGlite.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE documents (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  content text NOT NULL,
  -- Three dimensions keep the example readable; real embedding models use hundreds.
  embedding vector(3) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Nearest neighbours by cosine distance: ORDER BY embedding <=> :query LIMIT :k.
CREATE INDEX documents_embedding_idx ON documents USING hnsw (embedding vector_cosine_ops);
