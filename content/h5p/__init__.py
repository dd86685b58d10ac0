"""H5P packages: validation, unpacking into storage, serving."""
