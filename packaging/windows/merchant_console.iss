; Inno Setup 6 script: the Windows installer for Merchant Console.
; (ASCII only: Inno Setup reads a script without a byte-order mark in the system code page.)
;
; Built by packaging/build.py after PyInstaller, which passes the version and folders:
;   iscc /DAppVersion=0.1.0 /DSourceDir=dist\MerchantConsole /DOutputDir=dist /DIconFile=resources\icons\app.ico
;        packaging\windows\merchant_console.iss
; Output: <OutputDir>\MerchantConsole-<version>-setup.exe
;
; Installs per user by default (no administrator rights needed; merchants often have none), or
; for all users when run elevated / chosen in the dialog. User data is NOT in the program folder:
; it lives in %LOCALAPPDATA%\MerchantConsole and survives uninstalling and upgrading.
; Silent install (CI, IT departments): setup.exe /VERYSILENT /SUPPRESSMSGBOXES /CURRENTUSER

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\MerchantConsole"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef IconFile
  #define IconFile "..\..\resources\icons\app.ico"
#endif
#define AppName "Merchant Console"
#define AppExe "MerchantConsole.exe"

[Setup]
; AppId identifies the product for upgrades and uninstall: never change it
AppId={{D139B801-7BF5-423B-B1D6-C1B8440105A0}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Merchant Console
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} Setup
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=MerchantConsole-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; an open console holds its database: ask Windows' Restart Manager to close it before replacing files
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Simplified Chinese is an unofficial Inno Setup translation: used when the compiler has it
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; the whole PyInstaller one-folder app: MerchantConsole.exe (windowed), merchant-console.exe (command line), _internal\
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; files of an older version that this one no longer ships (bundled libraries change between releases)
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
