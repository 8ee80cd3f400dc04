"""The main window's frame: menus, tabs and status bar. Controllers fill it."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QTabWidget, QWidget

from leukotrack import APP_NAME
from leukotrack.gui.views.overview_view import OverviewView
from leukotrack.gui.views.patterns_view import PatternsView
from leukotrack.gui.views.serial_plan_view import PlanProgressLabel
from leukotrack.gui.views.table_tab_view import TableTabView
from leukotrack.gui.views.treatment_view import TreatmentView


class MainView(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.overview = OverviewView(self.tabs)
        self.results = TableTabView("results", "&Add results…", self.tabs)
        self.temperatures = TableTabView("temperatures", "&Add temperature…", self.tabs)
        self.fatigue = TableTabView("fatigue", "&Add fatigue score…", self.tabs)
        self.infections = TableTabView("infections", "&Add infection…", self.tabs)
        self.medicines = TableTabView("medicines", "&Add medicine…", self.tabs)
        self.visits = TableTabView("visits", "&Add visit…", self.tabs)
        self.treatment = TreatmentView(self.tabs)
        self.patterns = PatternsView(self.tabs)
        self.patterns.setObjectName("patternsTab")
        self.tabs.addTab(self.overview, "&Overview")
        self.tabs.addTab(self.results, "&Results")
        self.tabs.addTab(self.temperatures, "&Temperatures")
        self.tabs.addTab(self.fatigue, "&Fatigue")
        self.tabs.addTab(self.infections, "&Infections")
        self.tabs.addTab(self.medicines, "&Medicines")
        self.tabs.addTab(self.visits, "&Visits")
        self.tabs.addTab(self.treatment, "Treatme&nt")
        self.tabs.addTab(self.patterns, "&Patterns")
        # The serial-count plan's progress, a separate line the Overview shows under its flags
        self.plan_progress = PlanProgressLabel(self.overview.flags_box)
        flags = self.overview.flags
        flags.insertWidget(flags.indexOf(self.overview.next_test) + 1, self.plan_progress)
        self.setCentralWidget(self.tabs)
        self.statusBar()

        self.action_add_results = QAction("&Add results…", self)
        self.action_add_results.setShortcut(QKeySequence.StandardKey.New)
        self.action_profile = QAction("&Profile and settings…", self)
        self.action_profile.setShortcut(QKeySequence.StandardKey.Preferences)
        self.action_quit = QAction("&Quit", self)
        self.action_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.action_about = QAction(f"&About {APP_NAME}", self)
        self.action_learn = QAction("&Learn about your counts", self)
        self.action_learn.setShortcut(QKeySequence("F1"))
        self.action_plan = QAction("&Plan my next blood test…", self)
        self.action_export_reminders = QAction("Export &reminders…", self)

        self.file_menu = QMenu("&File", self)
        self.file_menu.addAction(self.action_add_results)
        self.file_menu.addAction(self.action_profile)
        self.file_menu.addAction(self.action_plan)
        self.file_menu.addSeparator()
        self._files_anchor = self.file_menu.addSeparator()
        self.file_menu.insertAction(self._files_anchor, self.action_export_reminders)
        self.file_menu.addAction(self.action_quit)
        self.edit_menu = QMenu("&Edit", self)
        self.help_menu = QMenu("&Help", self)
        self.help_menu.addAction(self.action_learn)
        self.help_menu.addAction(self.action_about)
        for menu in (self.file_menu, self.edit_menu, self.help_menu):
            self.menuBar().addMenu(menu)
        self.resize(1200, 820)

    def add_file_actions(self, actions: list[QAction]) -> None:
        """Import, Export, Print report and the like go here, above Quit, in one group."""
        for action in actions:
            self.file_menu.insertAction(self._files_anchor, action)
