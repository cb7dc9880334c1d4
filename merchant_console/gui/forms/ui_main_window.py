# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QMainWindow, QMenu, QMenuBar,
    QPushButton, QScrollArea, QSizePolicy, QSpacerItem,
    QSplitter, QStatusBar, QTableView, QVBoxLayout,
    QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1440, 900)
        self.actionSyncNow = QAction(MainWindow)
        self.actionSyncNow.setObjectName(u"actionSyncNow")
        self.actionSettings = QAction(MainWindow)
        self.actionSettings.setObjectName(u"actionSettings")
        self.actionSignOut = QAction(MainWindow)
        self.actionSignOut.setObjectName(u"actionSignOut")
        self.actionQuit = QAction(MainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
        self.actionApprove = QAction(MainWindow)
        self.actionApprove.setObjectName(u"actionApprove")
        self.actionPartial = QAction(MainWindow)
        self.actionPartial.setObjectName(u"actionPartial")
        self.actionReject = QAction(MainWindow)
        self.actionReject.setObjectName(u"actionReject")
        self.actionStatement = QAction(MainWindow)
        self.actionStatement.setObjectName(u"actionStatement")
        self.actionNext = QAction(MainWindow)
        self.actionNext.setObjectName(u"actionNext")
        self.actionPrevious = QAction(MainWindow)
        self.actionPrevious.setObjectName(u"actionPrevious")
        self.actionFocusSearch = QAction(MainWindow)
        self.actionFocusSearch.setObjectName(u"actionFocusSearch")
        self.actionTemplates = QAction(MainWindow)
        self.actionTemplates.setObjectName(u"actionTemplates")
        self.actionReports = QAction(MainWindow)
        self.actionReports.setObjectName(u"actionReports")
        self.actionActOperator = QAction(MainWindow)
        self.actionActOperator.setObjectName(u"actionActOperator")
        self.actionActOperator.setCheckable(True)
        self.actionActViewer = QAction(MainWindow)
        self.actionActViewer.setObjectName(u"actionActViewer")
        self.actionActViewer.setCheckable(True)
        self.actionActManager = QAction(MainWindow)
        self.actionActManager.setObjectName(u"actionActManager")
        self.actionActManager.setCheckable(True)
        self.actionShortcuts = QAction(MainWindow)
        self.actionShortcuts.setObjectName(u"actionShortcuts")
        self.actionAbout = QAction(MainWindow)
        self.actionAbout.setObjectName(u"actionAbout")
        self.central = QWidget(MainWindow)
        self.central.setObjectName(u"central")
        self.centralLayout = QVBoxLayout(self.central)
        self.centralLayout.setSpacing(0)
        self.centralLayout.setObjectName(u"centralLayout")
        self.centralLayout.setContentsMargins(0, 0, 0, 0)
        self.bannerLabel = QLabel(self.central)
        self.bannerLabel.setObjectName(u"bannerLabel")
        self.bannerLabel.setWordWrap(True)

        self.centralLayout.addWidget(self.bannerLabel)

        self.mainSplitter = QSplitter(self.central)
        self.mainSplitter.setObjectName(u"mainSplitter")
        self.mainSplitter.setOrientation(Qt.Horizontal)
        self.mainSplitter.setChildrenCollapsible(False)
        self.queueList = QListWidget(self.mainSplitter)
        self.queueList.setObjectName(u"queueList")
        self.queueList.setMinimumSize(QSize(170, 0))
        self.mainSplitter.addWidget(self.queueList)
        self.listPane = QWidget(self.mainSplitter)
        self.listPane.setObjectName(u"listPane")
        self.listLayout = QVBoxLayout(self.listPane)
        self.listLayout.setSpacing(6)
        self.listLayout.setObjectName(u"listLayout")
        self.listLayout.setContentsMargins(0, 0, 0, 0)
        self.filterRow = QHBoxLayout()
        self.filterRow.setObjectName(u"filterRow")
        self.searchEdit = QLineEdit(self.listPane)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.filterRow.addWidget(self.searchEdit)

        self.typeFilter = QComboBox(self.listPane)
        self.typeFilter.setObjectName(u"typeFilter")

        self.filterRow.addWidget(self.typeFilter)

        self.categoryFilter = QComboBox(self.listPane)
        self.categoryFilter.setObjectName(u"categoryFilter")

        self.filterRow.addWidget(self.categoryFilter)

        self.channelFilter = QComboBox(self.listPane)
        self.channelFilter.setObjectName(u"channelFilter")

        self.filterRow.addWidget(self.channelFilter)

        self.dateFilter = QComboBox(self.listPane)
        self.dateFilter.setObjectName(u"dateFilter")

        self.filterRow.addWidget(self.dateFilter)

        self.minAmountEdit = QLineEdit(self.listPane)
        self.minAmountEdit.setObjectName(u"minAmountEdit")
        self.minAmountEdit.setMaximumSize(QSize(90, 16777215))

        self.filterRow.addWidget(self.minAmountEdit)

        self.maxAmountEdit = QLineEdit(self.listPane)
        self.maxAmountEdit.setObjectName(u"maxAmountEdit")
        self.maxAmountEdit.setMaximumSize(QSize(90, 16777215))

        self.filterRow.addWidget(self.maxAmountEdit)


        self.listLayout.addLayout(self.filterRow)

        self.filterMessage = QLabel(self.listPane)
        self.filterMessage.setObjectName(u"filterMessage")

        self.listLayout.addWidget(self.filterMessage)

        self.refundTable = QTableView(self.listPane)
        self.refundTable.setObjectName(u"refundTable")
        self.refundTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.refundTable.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.refundTable.setSortingEnabled(True)
        self.refundTable.setAlternatingRowColors(True)
        self.refundTable.setWordWrap(False)

        self.listLayout.addWidget(self.refundTable)

        self.emptyHint = QLabel(self.listPane)
        self.emptyHint.setObjectName(u"emptyHint")
        self.emptyHint.setAlignment(Qt.AlignCenter)
        self.emptyHint.setWordWrap(True)

        self.listLayout.addWidget(self.emptyHint)

        self.batchRow = QHBoxLayout()
        self.batchRow.setObjectName(u"batchRow")
        self.selectionLabel = QLabel(self.listPane)
        self.selectionLabel.setObjectName(u"selectionLabel")

        self.batchRow.addWidget(self.selectionLabel)

        self.batchSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.batchRow.addItem(self.batchSpacer)

        self.batchApproveButton = QPushButton(self.listPane)
        self.batchApproveButton.setObjectName(u"batchApproveButton")

        self.batchRow.addWidget(self.batchApproveButton)

        self.batchRejectButton = QPushButton(self.listPane)
        self.batchRejectButton.setObjectName(u"batchRejectButton")

        self.batchRow.addWidget(self.batchRejectButton)


        self.listLayout.addLayout(self.batchRow)

        self.mainSplitter.addWidget(self.listPane)
        self.detailScroll = QScrollArea(self.mainSplitter)
        self.detailScroll.setObjectName(u"detailScroll")
        self.detailScroll.setWidgetResizable(True)
        self.detailScroll.setMinimumSize(QSize(420, 0))
        self.detailHost = QWidget()
        self.detailHost.setObjectName(u"detailHost")
        self.detailScroll.setWidget(self.detailHost)
        self.mainSplitter.addWidget(self.detailScroll)

        self.centralLayout.addWidget(self.mainSplitter)

        MainWindow.setCentralWidget(self.central)
        self.menubar = QMenuBar(MainWindow)
        self.menubar.setObjectName(u"menubar")
        self.menuFile = QMenu(self.menubar)
        self.menuFile.setObjectName(u"menuFile")
        self.menuRefund = QMenu(self.menubar)
        self.menuRefund.setObjectName(u"menuRefund")
        self.menuTools = QMenu(self.menubar)
        self.menuTools.setObjectName(u"menuTools")
        self.menuDemo = QMenu(self.menubar)
        self.menuDemo.setObjectName(u"menuDemo")
        self.menuHelp = QMenu(self.menubar)
        self.menuHelp.setObjectName(u"menuHelp")
        MainWindow.setMenuBar(self.menubar)
        self.statusbar = QStatusBar(MainWindow)
        self.statusbar.setObjectName(u"statusbar")
        MainWindow.setStatusBar(self.statusbar)

        self.menubar.addAction(self.menuFile.menuAction())
        self.menubar.addAction(self.menuRefund.menuAction())
        self.menubar.addAction(self.menuTools.menuAction())
        self.menubar.addAction(self.menuDemo.menuAction())
        self.menubar.addAction(self.menuHelp.menuAction())
        self.menuFile.addAction(self.actionSyncNow)
        self.menuFile.addAction(self.actionSettings)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionSignOut)
        self.menuFile.addAction(self.actionQuit)
        self.menuRefund.addAction(self.actionApprove)
        self.menuRefund.addAction(self.actionPartial)
        self.menuRefund.addAction(self.actionReject)
        self.menuRefund.addAction(self.actionStatement)
        self.menuRefund.addSeparator()
        self.menuRefund.addAction(self.actionNext)
        self.menuRefund.addAction(self.actionPrevious)
        self.menuRefund.addAction(self.actionFocusSearch)
        self.menuTools.addAction(self.actionTemplates)
        self.menuTools.addAction(self.actionReports)
        self.menuDemo.addAction(self.actionActOperator)
        self.menuDemo.addAction(self.actionActViewer)
        self.menuDemo.addAction(self.actionActManager)
        self.menuHelp.addAction(self.actionShortcuts)
        self.menuHelp.addAction(self.actionAbout)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"Merchant Console", None))
        self.actionSyncNow.setText(QCoreApplication.translate("MainWindow", u"&Sync now", None))
#if QT_CONFIG(shortcut)
        self.actionSyncNow.setShortcut(QCoreApplication.translate("MainWindow", u"F5", None))
#endif // QT_CONFIG(shortcut)
        self.actionSettings.setText(QCoreApplication.translate("MainWindow", u"Se&ttings\u2026", None))
        self.actionSignOut.setText(QCoreApplication.translate("MainWindow", u"Sign &out", None))
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"&Quit", None))
#if QT_CONFIG(shortcut)
        self.actionQuit.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Q", None))
#endif // QT_CONFIG(shortcut)
        self.actionApprove.setText(QCoreApplication.translate("MainWindow", u"&Approve", None))
#if QT_CONFIG(shortcut)
        self.actionApprove.setShortcut(QCoreApplication.translate("MainWindow", u"A", None))
#endif // QT_CONFIG(shortcut)
        self.actionPartial.setText(QCoreApplication.translate("MainWindow", u"&Partial refund\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionPartial.setShortcut(QCoreApplication.translate("MainWindow", u"P", None))
#endif // QT_CONFIG(shortcut)
        self.actionReject.setText(QCoreApplication.translate("MainWindow", u"&Reject\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionReject.setShortcut(QCoreApplication.translate("MainWindow", u"R", None))
#endif // QT_CONFIG(shortcut)
        self.actionStatement.setText(QCoreApplication.translate("MainWindow", u"Answer &appeal\u2026", None))
        self.actionNext.setText(QCoreApplication.translate("MainWindow", u"&Next refund", None))
#if QT_CONFIG(shortcut)
        self.actionNext.setShortcut(QCoreApplication.translate("MainWindow", u"J", None))
#endif // QT_CONFIG(shortcut)
        self.actionPrevious.setText(QCoreApplication.translate("MainWindow", u"Pre&vious refund", None))
#if QT_CONFIG(shortcut)
        self.actionPrevious.setShortcut(QCoreApplication.translate("MainWindow", u"K", None))
#endif // QT_CONFIG(shortcut)
        self.actionFocusSearch.setText(QCoreApplication.translate("MainWindow", u"&Find\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionFocusSearch.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+F", None))
#endif // QT_CONFIG(shortcut)
        self.actionTemplates.setText(QCoreApplication.translate("MainWindow", u"Reason &templates\u2026", None))
        self.actionReports.setText(QCoreApplication.translate("MainWindow", u"&Reports\u2026", None))
        self.actionActOperator.setText(QCoreApplication.translate("MainWindow", u"Act as &operator", None))
        self.actionActViewer.setText(QCoreApplication.translate("MainWindow", u"Act as &viewer (shop staff)", None))
        self.actionActManager.setText(QCoreApplication.translate("MainWindow", u"Act as &manager", None))
        self.actionShortcuts.setText(QCoreApplication.translate("MainWindow", u"&Keyboard shortcuts", None))
#if QT_CONFIG(shortcut)
        self.actionShortcuts.setShortcut(QCoreApplication.translate("MainWindow", u"F1", None))
#endif // QT_CONFIG(shortcut)
        self.actionAbout.setText(QCoreApplication.translate("MainWindow", u"&About Merchant Console", None))
        self.bannerLabel.setText("")
#if QT_CONFIG(accessibility)
        self.queueList.setAccessibleName(QCoreApplication.translate("MainWindow", u"Queues", None))
#endif // QT_CONFIG(accessibility)
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("MainWindow", u"Search order no, refund id, product, buyer\u2026", None))
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleName(QCoreApplication.translate("MainWindow", u"Search", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.typeFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Refund type", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.categoryFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Product category", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.channelFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Payment channel", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.dateFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Submitted", None))
#endif // QT_CONFIG(accessibility)
        self.minAmountEdit.setPlaceholderText(QCoreApplication.translate("MainWindow", u"Min \u00a5", None))
#if QT_CONFIG(accessibility)
        self.minAmountEdit.setAccessibleName(QCoreApplication.translate("MainWindow", u"Minimum paid amount", None))
#endif // QT_CONFIG(accessibility)
        self.maxAmountEdit.setPlaceholderText(QCoreApplication.translate("MainWindow", u"Max \u00a5", None))
#if QT_CONFIG(accessibility)
        self.maxAmountEdit.setAccessibleName(QCoreApplication.translate("MainWindow", u"Maximum paid amount", None))
#endif // QT_CONFIG(accessibility)
        self.filterMessage.setText("")
#if QT_CONFIG(accessibility)
        self.refundTable.setAccessibleName(QCoreApplication.translate("MainWindow", u"Refunds", None))
#endif // QT_CONFIG(accessibility)
        self.emptyHint.setText("")
        self.selectionLabel.setText("")
        self.batchApproveButton.setText(QCoreApplication.translate("MainWindow", u"Approve selected\u2026", None))
        self.batchRejectButton.setText(QCoreApplication.translate("MainWindow", u"Reject selected\u2026", None))
        self.menuFile.setTitle(QCoreApplication.translate("MainWindow", u"&File", None))
        self.menuRefund.setTitle(QCoreApplication.translate("MainWindow", u"&Refund", None))
        self.menuTools.setTitle(QCoreApplication.translate("MainWindow", u"&Tools", None))
        self.menuDemo.setTitle(QCoreApplication.translate("MainWindow", u"&Demo", None))
        self.menuHelp.setTitle(QCoreApplication.translate("MainWindow", u"&Help", None))
    # retranslateUi

