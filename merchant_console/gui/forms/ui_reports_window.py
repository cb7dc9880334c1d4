# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'reports_window.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDateEdit,
    QGridLayout, QGroupBox, QHBoxLayout, QHeaderView,
    QLabel, QProgressBar, QPushButton, QSizePolicy,
    QTabWidget, QTableView, QVBoxLayout, QWidget)

class Ui_ReportsWindow(object):
    def setupUi(self, ReportsWindow):
        if not ReportsWindow.objectName():
            ReportsWindow.setObjectName(u"ReportsWindow")
        ReportsWindow.resize(1280, 860)
        self.mainLayout = QVBoxLayout(ReportsWindow)
        self.mainLayout.setObjectName(u"mainLayout")
        self.filterBox = QGroupBox(ReportsWindow)
        self.filterBox.setObjectName(u"filterBox")
        self.filterGrid = QGridLayout(self.filterBox)
        self.filterGrid.setObjectName(u"filterGrid")
        self.presetLabel = QLabel(self.filterBox)
        self.presetLabel.setObjectName(u"presetLabel")

        self.filterGrid.addWidget(self.presetLabel, 0, 0, 1, 1)

        self.presetCombo = QComboBox(self.filterBox)
        self.presetCombo.setObjectName(u"presetCombo")

        self.filterGrid.addWidget(self.presetCombo, 0, 1, 1, 1)

        self.fromLabel = QLabel(self.filterBox)
        self.fromLabel.setObjectName(u"fromLabel")

        self.filterGrid.addWidget(self.fromLabel, 0, 2, 1, 1)

        self.fromDate = QDateEdit(self.filterBox)
        self.fromDate.setObjectName(u"fromDate")
        self.fromDate.setCalendarPopup(True)
        self.fromDate.setDisplayFormat(u"yyyy-MM-dd")

        self.filterGrid.addWidget(self.fromDate, 0, 3, 1, 1)

        self.toLabel = QLabel(self.filterBox)
        self.toLabel.setObjectName(u"toLabel")

        self.filterGrid.addWidget(self.toLabel, 0, 4, 1, 1)

        self.toDate = QDateEdit(self.filterBox)
        self.toDate.setObjectName(u"toDate")
        self.toDate.setCalendarPopup(True)
        self.toDate.setDisplayFormat(u"yyyy-MM-dd")

        self.filterGrid.addWidget(self.toDate, 0, 5, 1, 1)

        self.staffLabel = QLabel(self.filterBox)
        self.staffLabel.setObjectName(u"staffLabel")

        self.filterGrid.addWidget(self.staffLabel, 1, 0, 1, 1)

        self.staffCombo = QComboBox(self.filterBox)
        self.staffCombo.setObjectName(u"staffCombo")

        self.filterGrid.addWidget(self.staffCombo, 1, 1, 1, 1)

        self.actionLabel = QLabel(self.filterBox)
        self.actionLabel.setObjectName(u"actionLabel")

        self.filterGrid.addWidget(self.actionLabel, 1, 2, 1, 1)

        self.actionCombo = QComboBox(self.filterBox)
        self.actionCombo.setObjectName(u"actionCombo")

        self.filterGrid.addWidget(self.actionCombo, 1, 3, 1, 1)

        self.deciderLabel = QLabel(self.filterBox)
        self.deciderLabel.setObjectName(u"deciderLabel")

        self.filterGrid.addWidget(self.deciderLabel, 1, 4, 1, 1)

        self.deciderCombo = QComboBox(self.filterBox)
        self.deciderCombo.setObjectName(u"deciderCombo")

        self.filterGrid.addWidget(self.deciderCombo, 1, 5, 1, 1)

        self.categoryLabel = QLabel(self.filterBox)
        self.categoryLabel.setObjectName(u"categoryLabel")

        self.filterGrid.addWidget(self.categoryLabel, 2, 0, 1, 1)

        self.categoryCombo = QComboBox(self.filterBox)
        self.categoryCombo.setObjectName(u"categoryCombo")

        self.filterGrid.addWidget(self.categoryCombo, 2, 1, 1, 1)

        self.reasonLabel = QLabel(self.filterBox)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.filterGrid.addWidget(self.reasonLabel, 2, 2, 1, 1)

        self.reasonCombo = QComboBox(self.filterBox)
        self.reasonCombo.setObjectName(u"reasonCombo")

        self.filterGrid.addWidget(self.reasonCombo, 2, 3, 1, 1)

        self.channelLabel = QLabel(self.filterBox)
        self.channelLabel.setObjectName(u"channelLabel")

        self.filterGrid.addWidget(self.channelLabel, 2, 4, 1, 1)

        self.channelCombo = QComboBox(self.filterBox)
        self.channelCombo.setObjectName(u"channelCombo")

        self.filterGrid.addWidget(self.channelCombo, 2, 5, 1, 1)


        self.mainLayout.addWidget(self.filterBox)

        self.kpiPanel = QWidget(ReportsWindow)
        self.kpiPanel.setObjectName(u"kpiPanel")
        self.kpiGrid = QGridLayout(self.kpiPanel)
        self.kpiGrid.setObjectName(u"kpiGrid")
        self.kpiGrid.setContentsMargins(0, 0, 0, 0)

        self.mainLayout.addWidget(self.kpiPanel)

        self.tabs = QTabWidget(ReportsWindow)
        self.tabs.setObjectName(u"tabs")
        self.chartsTab = QWidget()
        self.chartsTab.setObjectName(u"chartsTab")
        self.chartsGrid = QGridLayout(self.chartsTab)
        self.chartsGrid.setObjectName(u"chartsGrid")
        self.tabs.addTab(self.chartsTab, "")
        self.previewTab = QWidget()
        self.previewTab.setObjectName(u"previewTab")
        self.previewLayout = QVBoxLayout(self.previewTab)
        self.previewLayout.setObjectName(u"previewLayout")
        self.previewTable = QTableView(self.previewTab)
        self.previewTable.setObjectName(u"previewTable")
        self.previewTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.previewTable.setAlternatingRowColors(True)
        self.previewTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.previewTable.setSortingEnabled(False)

        self.previewLayout.addWidget(self.previewTable)

        self.tabs.addTab(self.previewTab, "")

        self.mainLayout.addWidget(self.tabs)

        self.exportBar = QHBoxLayout()
        self.exportBar.setObjectName(u"exportBar")
        self.statusLabel = QLabel(ReportsWindow)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setText(u"")
        self.statusLabel.setWordWrap(True)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.statusLabel.sizePolicy().hasHeightForWidth())
        self.statusLabel.setSizePolicy(sizePolicy)

        self.exportBar.addWidget(self.statusLabel)

        self.openFileButton = QPushButton(ReportsWindow)
        self.openFileButton.setObjectName(u"openFileButton")

        self.exportBar.addWidget(self.openFileButton)

        self.showFolderButton = QPushButton(ReportsWindow)
        self.showFolderButton.setObjectName(u"showFolderButton")

        self.exportBar.addWidget(self.showFolderButton)

        self.progressBar = QProgressBar(ReportsWindow)
        self.progressBar.setObjectName(u"progressBar")
        self.progressBar.setValue(0)
        self.progressBar.setMinimumSize(QSize(180, 0))

        self.exportBar.addWidget(self.progressBar)

        self.cancelButton = QPushButton(ReportsWindow)
        self.cancelButton.setObjectName(u"cancelButton")

        self.exportBar.addWidget(self.cancelButton)

        self.formatLabel = QLabel(ReportsWindow)
        self.formatLabel.setObjectName(u"formatLabel")

        self.exportBar.addWidget(self.formatLabel)

        self.formatCombo = QComboBox(ReportsWindow)
        self.formatCombo.setObjectName(u"formatCombo")

        self.exportBar.addWidget(self.formatCombo)

        self.exportButton = QPushButton(ReportsWindow)
        self.exportButton.setObjectName(u"exportButton")

        self.exportBar.addWidget(self.exportButton)


        self.mainLayout.addLayout(self.exportBar)

#if QT_CONFIG(shortcut)
        self.presetLabel.setBuddy(self.presetCombo)
        self.fromLabel.setBuddy(self.fromDate)
        self.toLabel.setBuddy(self.toDate)
        self.staffLabel.setBuddy(self.staffCombo)
        self.actionLabel.setBuddy(self.actionCombo)
        self.deciderLabel.setBuddy(self.deciderCombo)
        self.categoryLabel.setBuddy(self.categoryCombo)
        self.reasonLabel.setBuddy(self.reasonCombo)
        self.channelLabel.setBuddy(self.channelCombo)
        self.formatLabel.setBuddy(self.formatCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ReportsWindow)

        self.tabs.setCurrentIndex(0)
        self.exportButton.setDefault(True)


        QMetaObject.connectSlotsByName(ReportsWindow)
    # setupUi

    def retranslateUi(self, ReportsWindow):
        ReportsWindow.setWindowTitle(QCoreApplication.translate("ReportsWindow", u"Reports", None))
        self.filterBox.setTitle(QCoreApplication.translate("ReportsWindow", u"Period and filters", None))
        self.presetLabel.setText(QCoreApplication.translate("ReportsWindow", u"&Period", None))
        self.fromLabel.setText(QCoreApplication.translate("ReportsWindow", u"&From", None))
        self.toLabel.setText(QCoreApplication.translate("ReportsWindow", u"&To", None))
        self.staffLabel.setText(QCoreApplication.translate("ReportsWindow", u"&Staff", None))
        self.actionLabel.setText(QCoreApplication.translate("ReportsWindow", u"&Action", None))
        self.deciderLabel.setText(QCoreApplication.translate("ReportsWindow", u"&Decided by", None))
        self.categoryLabel.setText(QCoreApplication.translate("ReportsWindow", u"Categor&y", None))
        self.reasonLabel.setText(QCoreApplication.translate("ReportsWindow", u"&Reason", None))
        self.channelLabel.setText(QCoreApplication.translate("ReportsWindow", u"C&hannel", None))
        self.tabs.setTabText(self.tabs.indexOf(self.chartsTab), QCoreApplication.translate("ReportsWindow", u"Charts", None))
#if QT_CONFIG(accessibility)
        self.previewTable.setAccessibleName(QCoreApplication.translate("ReportsWindow", u"Decisions in the period", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.previewTab), QCoreApplication.translate("ReportsWindow", u"Decisions", None))
        self.openFileButton.setText(QCoreApplication.translate("ReportsWindow", u"Ope&n", None))
#if QT_CONFIG(tooltip)
        self.openFileButton.setToolTip(QCoreApplication.translate("ReportsWindow", u"Open the exported file", None))
#endif // QT_CONFIG(tooltip)
        self.showFolderButton.setText(QCoreApplication.translate("ReportsWindow", u"Show in fo&lder", None))
#if QT_CONFIG(tooltip)
        self.showFolderButton.setToolTip(QCoreApplication.translate("ReportsWindow", u"Show the folder the file was saved in", None))
#endif // QT_CONFIG(tooltip)
        self.cancelButton.setText(QCoreApplication.translate("ReportsWindow", u"&Cancel export", None))
        self.formatLabel.setText(QCoreApplication.translate("ReportsWindow", u"F&ormat", None))
        self.exportButton.setText(QCoreApplication.translate("ReportsWindow", u"&Export\u2026", None))
    # retranslateUi

