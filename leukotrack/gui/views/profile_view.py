"""Profile and settings: who the records are about, units shown, thresholds. Layout only."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from leukotrack.gui.views.entry_view import error_label

CONTACT_COLUMNS = ("Name", "Role", "Phone", "24-hour line")


class ProfileView(QDialog):
    def __init__(self, threshold_fields: list[tuple[str, str]], parent: QWidget | None = None):
        """`threshold_fields`: (key, label) for each editable threshold."""
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self.setWindowTitle("Profile and settings")
        self.setModal(True)
        outer = QVBoxLayout(self)

        person = QGroupBox("The person", self)
        form = QFormLayout(person)
        self.name = QLineEdit(person)
        self.name.setObjectName("profileName")
        self.birth_date = QLineEdit(person)
        self.birth_date.setObjectName("profileBirthDate")
        self.birth_date.setPlaceholderText("YYYY-MM-DD")
        self.sex = QComboBox(person)
        self.sex.setObjectName("profileSex")
        self.reference = QComboBox(person)
        self.reference.setObjectName("profileReference")
        rows: list[tuple[str, QWidget, str]] = [
            ("&Name:", self.name, "Name"),
            ("&Birth date:", self.birth_date, "Birth date"),
            ("&Sex (for ranges):", self.sex, "Sex used for reference ranges"),
            ("&Reference profile:", self.reference, "Reference profile"),
        ]
        for text, widget, accessible in rows:
            widget.setAccessibleName(accessible)
            form.addRow(text, widget)
        top = QHBoxLayout()  # the person and their care team side by side: the dialog stays short
        top.addWidget(person, 2)
        top.addWidget(self._care_box(), 3)
        outer.addLayout(top)

        display = QGroupBox("Display and rules", self)
        form2 = QFormLayout(display)
        self.count_unit = QComboBox(display)
        self.count_unit.setObjectName("profileCountUnit")
        self.count_unit.setAccessibleName("Units for cell counts")
        self.ctcae = QComboBox(display)
        self.ctcae.setAccessibleName("CTCAE version")
        self.clozapine = QComboBox(display)
        self.clozapine.setObjectName("profileClozapine")
        self.clozapine.setAccessibleName("Clozapine monitoring scheme")
        form2.addRow("Cell counts &shown in:", self.count_unit)
        form2.addRow("&CTCAE grading:", self.ctcae)
        form2.addRow("C&lozapine monitoring:", self.clozapine)
        outer.addWidget(display)

        limits = QGroupBox("Thresholds (leave as they are unless your hematologist says)", self)
        form3 = QFormLayout(limits)
        self.thresholds: dict[str, QLineEdit] = {}
        for key, text in threshold_fields:
            edit = QLineEdit(limits)
            edit.setObjectName(f"threshold_{key}")
            edit.setAccessibleName(text)
            if key == "anc_mild":
                edit.setPlaceholderText("profile default")
            form3.addRow(f"{text}:", edit)
            self.thresholds[key] = edit
        outer.addWidget(limits)

        self.message = error_label(self)
        self.message.setObjectName("profileMessage")
        outer.addWidget(self.message)
        note = QLabel(
            "Thresholds change which flags are raised; the report prints the ones used.", self
        )
        note.setWordWrap(True)
        outer.addWidget(note)
        self.buttons = QDialogButtonBox(self)
        self.save = QPushButton("&Save", self)
        self.save.setObjectName("profileSave")
        self.save.setDefault(True)
        self.buttons.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        outer.addWidget(self.buttons)

    def _care_box(self) -> QGroupBox:
        box = QGroupBox("Allergies and care team (printed on the procedure and emergency sheets)")
        box.setObjectName("careTeamBox")
        layout = QVBoxLayout(box)
        form = QFormLayout()
        self.allergies = QPlainTextEdit(box)
        self.allergies.setObjectName("profileAllergies")
        self.allergies.setAccessibleName("Allergies")
        self.allergies.setPlaceholderText("e.g. penicillin (rash); or 'none known'")
        self.allergies.setTabChangesFocus(True)
        self.allergies.setFixedHeight(self.fontMetrics().lineSpacing() * 3)
        form.addRow("A&llergies:", self.allergies)
        layout.addLayout(form)
        self.contacts = QTableWidget(0, len(CONTACT_COLUMNS), box)
        self.contacts.setObjectName("profileContacts")
        self.contacts.setAccessibleName("Care team contacts")
        self.contacts.setHorizontalHeaderLabels(list(CONTACT_COLUMNS))
        self.contacts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.contacts.verticalHeader().hide()
        self.contacts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.contacts.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.contacts.setWordWrap(False)
        self.contacts.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        layout.addWidget(self.contacts)
        buttons = QHBoxLayout()
        self.add_contact = QPushButton("Add &contact", box)
        self.add_contact.setObjectName("profileAddContact")
        self.remove_contact = QPushButton("Re&move contact", box)
        self.remove_contact.setObjectName("profileRemoveContact")
        buttons.addWidget(self.add_contact)
        buttons.addWidget(self.remove_contact)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return box
