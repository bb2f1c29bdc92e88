"""Index stage: chunk, embed (Embedder protocol; ONNX or sentence-transformers), dense (FAISS), sparse (BM25), fuse, retrieve, store/manifest."""
