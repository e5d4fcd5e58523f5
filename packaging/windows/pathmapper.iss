; Inno Setup recipe: a Windows installer for the one-folder build in dist\pathmapper\.
;   1. build the folder:  .venv\Scripts\pyinstaller --noconfirm --clean packaging\pathmapper.spec
;   2. build the installer: "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\pathmapper.iss
;      (or pass the version: ISCC.exe /DAppVersion=0.1.0 packaging\windows\pathmapper.iss)
; The installer lands in dist\installer\. It installs per user by default (no administrator
; needed on an NHS laptop) and offers "for all users" when run as administrator. It adds a Start
; menu entry and registers .pathmap.json and .pathmap maps to open with pathmapper.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "pathmapper"
#define AppExe "pathmapper.exe"
#define ProgId "pathmapper.Map"
#define BuildDir "..\..\dist\pathmapper"

[Setup]
; A fixed id, so later versions upgrade this installation in place. Never change it.
AppId={{6F0C1D52-8E5B-4C7A-9B43-2A6E5D1F7C30}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=pathmapper
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\installer
OutputBaseFilename=pathmapper-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\pathmapper.ico
UninstallDisplayIcon={app}\{#AppExe}
LicenseFile=..\..\LICENSE
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Tell Explorer that file associations changed, so map icons update at once.
ChangesAssociations=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: pathmapper.exe, pathmapper-cli.exe and _internal\.
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Map care pathways as swimlanes"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The map file type (a ProgID), its icon and how to open it. HKA is HKCU for a per-user install
; and HKLM for an all-users one. Windows matches the last extension, so .pathmap.json is
; registered as the compound extension via OpenWithProgids on .json (offered, not imposed) and
; .pathmap as pathmapper's own.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "pathmapper care pathway map"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\_internal\resources\icons\application-x-pathmapper+json.ico"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; .pathmap belongs to pathmapper.
Root: HKA; Subkey: "Software\Classes\.pathmap"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.pathmap"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-pathmapper+json"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.pathmap\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
; .pathmap.json: Explorer looks up the last extension (.json), so pathmapper is added to the
; .json Open With list; the Start menu entry and double-click from pathmapper's own Open dialog
; always work. To make a .pathmap.json double-click open pathmapper directly, choose pathmapper
; once in "Open with > Choose another app > Always" (Windows keeps that choice per user).
Root: HKA; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".pathmap"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".json"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
