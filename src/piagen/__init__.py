"""piagen: documents-as-code for 特定個人情報保護評価書 (My Number privacy impact assessments)."""

__version__ = "0.1.0"
