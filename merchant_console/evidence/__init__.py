"""Evidence images: safe decoding, thumbnails and previews, perceptual hashes, risk signals."""
