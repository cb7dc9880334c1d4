#!/usr/bin/env bash
# The macOS disk image: the .app beside a link to /Applications (drag to install).
#
#   bash packaging/macos/make_dmg.sh dist/MerchantConsole.app dist/MerchantConsole-0.1.0.dmg
#
# PyInstaller has already signed the bundle ad hoc (enough to run on the machine that built it and
# on CI). For distribution set CODESIGN_IDENTITY ("Developer ID Application: …") to sign the image,
# and NOTARY_PROFILE (a `xcrun notarytool store-credentials` profile) to notarize and staple it;
# the .app itself is signed by PyInstaller when the spec sees CODESIGN_IDENTITY.
set -euo pipefail

app="${1:?usage: make_dmg.sh APP_BUNDLE OUTPUT.dmg}"
out="${2:?usage: make_dmg.sh APP_BUNDLE OUTPUT.dmg}"
volname="Merchant Console"

[ -d "$app/Contents/MacOS" ] || { echo "make_dmg: $app is not an app bundle" >&2; exit 1; }
plutil -lint "$app/Contents/Info.plist"
codesign --verify --deep --strict "$app"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
ditto "$app" "$stage/$(basename "$app")"   # ditto keeps symlinks, permissions and signatures
ln -s /Applications "$stage/Applications"

rm -f "$out"
# hdiutil now and then fails with "Resource busy" on CI machines: try a few times
for attempt in 1 2 3 4 5; do
  if hdiutil create -volname "$volname" -srcfolder "$stage" -fs HFS+ -format UDZO -imagekey zlib-level=9 -ov "$out"; then
    break
  fi
  [ "$attempt" -lt 5 ] || { echo "make_dmg: hdiutil create failed" >&2; exit 1; }
  sleep $((attempt * 5))
done
hdiutil verify "$out"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$out"
fi
if [ -n "${NOTARY_PROFILE:-}" ]; then
  xcrun notarytool submit "$out" --keychain-profile "$NOTARY_PROFILE" --wait
  xcrun stapler staple "$out"
fi
echo "make_dmg: $out"
