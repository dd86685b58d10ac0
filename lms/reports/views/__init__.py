"""Report pages: each module owns one report (page, CSV and XLSX)."""
