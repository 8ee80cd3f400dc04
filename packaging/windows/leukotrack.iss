; Inno Setup script for LeukoTrack on Windows (NOT built or tested yet: see packaging/README.md).
; Build the bundle on Windows first, then compile this script with Inno Setup 6:
;   python -m PyInstaller --noconfirm --clean --distpath dist --workpath build packaging\leukotrack.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\leukotrack.iss
; It installs for the current user only (no administrator rights) and never removes the records,
; which live in %LOCALAPPDATA%\LeukoTrack.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F1C2C5E-3B7A-4E0B-9A51-2C1D5E8F7A10}
AppName=LeukoTrack
AppVersion={#AppVersion}
AppPublisher=LeukoTrack developers
DefaultDirName={autopf}\LeukoTrack
DefaultGroupName=LeukoTrack
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=LeukoTrack-{#AppVersion}-setup
SetupIconFile=leukotrack.ico
UninstallDisplayIcon={app}\LeukoTrack.exe
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern

[Files]
Source: "..\..\dist\LeukoTrack\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\LeukoTrack"; Filename: "{app}\LeukoTrack.exe"
Name: "{autodesktop}\LeukoTrack"; Filename: "{app}\LeukoTrack.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Run]
Filename: "{app}\LeukoTrack.exe"; Description: "{cm:LaunchProgram,LeukoTrack}"; Flags: nowait postinstall skipifsilent
