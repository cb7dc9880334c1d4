"""Fill a .ts file from a {source: translation} table; list what is still missing.

    python packaging/fill_translations.py resources/translations/console_zh_CN.ts TABLE.py
TABLE.py defines ZH = {...}. Entries already translated are kept unless the table has them.
"""

import runpy
import sys
import xml.etree.ElementTree as ET


def main(ts_path: str, table_path: str) -> int:
    table = runpy.run_path(table_path)["ZH"]
    tree = ET.parse(ts_path)
    missing = []
    for msg in tree.getroot().iter("message"):
        source = msg.findtext("source")
        tr = msg.find("translation")
        if source in table:
            tr.text = table[source]
            tr.attrib.pop("type", None)
        elif tr.get("type") == "unfinished" or not (tr.text or "").strip():
            missing.append(source)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    for m in missing:
        print("missing:", repr(m))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
