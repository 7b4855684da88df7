"""LibreOffice headless for the round-trip tests. The tests that need it are skipped when ``soffice`` is
missing; ``.ci/run`` installs it so that CI runs them."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# .ci/run sets this once it has installed LibreOffice: from then on a missing soffice fails, never skips.
REQUIRED = os.environ.get("NORMCHECK_REQUIRE_LIBREOFFICE") == "1"
needs_soffice = pytest.mark.skipif(SOFFICE is None and not REQUIRED, reason="LibreOffice (soffice) is not installed")


def convert(source: Path, target_format: str, folder: Path, profile: Path, timeout: float = 180) -> Path:
    """``soffice --headless --convert-to FORMAT``; returns the converted file. A private profile folder keeps
    concurrent test runs apart."""
    assert SOFFICE is not None, "LibreOffice (soffice) is required here but not installed"
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
                           "--norestore", "--convert-to", target_format, "--outdir", str(folder), str(source)],
                          capture_output=True, text=True, timeout=timeout, check=False)
    extension = target_format.split(":")[0]
    produced = folder / f"{source.stem}.{extension}"
    assert done.returncode == 0 and produced.is_file(), f"LibreOffice failed: {done.stdout}\n{done.stderr}"
    return produced


_ACCEPT_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub AcceptAll(source As String, target As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, args())
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  helper.executeDispatch(doc.getCurrentController().getFrame(), &quot;.uno:AcceptAllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  Dim out(0) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;MS Word 2007 XML&quot;
  doc.storeToURL(ConvertToURL(target), out())
  doc.close(True)
End Sub
</script:module>
"""


def accept_all(source: Path, target: Path, profile: Path, timeout: float = 180) -> Path:
    """Open ``source`` in LibreOffice, accept all tracked changes (Edit ▸ Track Changes ▸ Accept All) and
    save it as .docx at ``target``, through a Basic macro installed in a private profile."""
    assert SOFFICE is not None, "LibreOffice (soffice) is required here but not installed"
    installation = f"-env:UserInstallation={profile.resolve().as_uri()}"
    subprocess.run([SOFFICE, installation, "--headless", "--terminate_after_init"], capture_output=True,
                   timeout=timeout, check=False)
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    assert module.parent.is_dir(), "LibreOffice did not create its profile"
    module.write_text(_ACCEPT_MACRO, encoding="utf-8")
    macro = f'macro:///Standard.Module1.AcceptAll("{source.resolve()}","{target.resolve()}")'
    done = subprocess.run([SOFFICE, installation, "--headless", "--norestore", macro], capture_output=True,
                          text=True, timeout=timeout, check=False)
    assert target.is_file(), f"LibreOffice did not accept the changes: {done.stdout}\n{done.stderr}"
    return target
